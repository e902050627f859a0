using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;
using Bob.Testing;

namespace Bob.Grains.Tests.Conversations;

/// <summary>
/// A turn's credit hold is given back or settled exactly once, on every way a turn ends: answered (JSON or streamed),
/// replayed, refused, on a blocked topic, handed off, silent under a human, a model failing mid-answer while a takeover
/// arrives (a write refused by an unavailable database: <see cref="HeldCreditsOutageTests"/>). Each test holds one credit
/// itself before its turns (<see cref="HeldCreditsProbe"/>): a hold a turn leaked would show as two held, a hold given back
/// twice would take the test's own and show none. Charges equal the credits of the stored answers.
/// </summary>
public sealed class HeldCreditsTests(HeldCreditsTests.HostedModelCluster fixture) : IClassFixture<HeldCreditsTests.HostedModelCluster>
{
    private readonly HeldCreditsProbe _credits = new(fixture.Grains, fixture.ConnectionString);

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Answered_replayed_refused_blocked_handed_off_and_silent_turns_leave_only_the_tests_own_hold()
    {
        var tenant = await _credits.SignupAsync();
        var governance = await Grains.GetGrain<IGovernanceGrain>(tenant.Value)
            .UpdateAsync(new GovernanceSettings(["politics"], false, ["refund"], CreditPolicies.HardStop, null, false));
        Assert.True(governance.IsSuccess, governance.Failure?.Detail);
        await _credits.HoldOneAsync(tenant);

        var answeredTurn = Turn("What are your opening hours?", "answered-1");
        var answered = await Conversation(tenant, "answered").SendAsync(answeredTurn);
        Assert.True(answered.IsSuccess, answered.Failure?.Detail);
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "answered");

        var streamed = await Conversation(tenant, "streamed").StreamAsync(Turn("Do you ship to Norway?", "streamed-1")).ToListAsync();
        Assert.NotNull(streamed[^1].Done);
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "streamed");

        var replayed = await Conversation(tenant, "answered").SendAsync(answeredTurn);
        Assert.Equal(answered.Value!.MessageId, replayed.Value?.MessageId);
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "replayed");

        var refused = await Conversation(tenant, "refused").SendAsync(Turn("   ", "refused-1"));
        Assert.Equal(FailureCodes.ValidationFailed, refused.Failure?.Code);
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "refused");

        var blocked = await Conversation(tenant, "blocked").SendAsync(Turn("What do you think about politics?", "blocked-1"));
        Assert.True(blocked.IsSuccess, blocked.Failure?.Detail);
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "blocked topic");

        var handedOff = await Conversation(tenant, "handed-off").SendAsync(Turn("I want a refund", "handed-off-1"));
        Assert.Equal(ConversationStatus.Waiting, handedOff.Value?.Status);
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "handed off");

        Assert.True((await Conversation(tenant, "answered").TakeoverAsync("usr_agent")).IsSuccess);
        var silent = await Conversation(tenant, "answered").SendAsync(Turn("Hello?", "silent-1"));
        Assert.Equal(ConversationStatus.Human, silent.Value?.Status);
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "silent under a human");
    }

    [Fact]
    public async Task A_model_failing_mid_answer_while_a_takeover_arrives_gives_the_turns_hold_back_once_and_stores_no_answer()
    {
        var tenant = await _credits.SignupAsync();
        Assert.True((await Grains.GetGrain<ITenantGrain>(tenant).UpdateSettingsAsync(null, "hosted")).IsSuccess);
        await _credits.HoldOneAsync(tenant);
        var conversation = Conversation(tenant, "model-fails");
        var first = await conversation.SendAsync(Turn("When does my parcel arrive?", "hosted-1"));
        Assert.True(first.IsSuccess, first.Failure?.Detail);

        // The streamed answer stalls before its last word: the turn holds the lock and its credit.
        var stalled = conversation.StreamAsync(Turn("And where is it now?", "hosted-2")).GetAsyncEnumerator();
        Assert.True(await stalled.MoveNextAsync());
        Assert.Equal(2, await _credits.HeldAsync(tenant));
        var takeover = conversation.TakeoverAsync("usr_agent");
        await fixture.FailModelAsync();

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            while (await stalled.MoveNextAsync())
            {
            }
        });
        var taken = await takeover;

        Assert.Equal(ConversationStatus.Human, taken.Value?.Status);
        Assert.DoesNotContain(taken.Value!.Messages, m => m.ClientMessageId == "hosted-2");
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "model failed mid-answer");
        await stalled.DisposeAsync();
    }

    private IConversationGrain Conversation(TenantId tenant, string id) => Grains.GetConversation(tenant, new ConversationId(id));

    private static ChatTurn Turn(string message, string clientMessageId) => new(ChatChannel.Widget, message, clientMessageId, null, TestVisitor.Access);

    /// <summary>A cluster with a hosted model (faked at its HTTP boundary) whose streamed answers stall before their last word.</summary>
    public sealed class HostedModelCluster : ClusterFixture
    {
        private FakeOpenAiServer? _model;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Bob:Assistant:Hosted:Endpoint"] = _model!.Endpoint.ToString(),
            ["Bob:Assistant:Hosted:Model"] = FakeOpenAiServer.Model,
            ["Bob:Assistant:Hosted:ApiKey"] = "sk-test",
            ["Bob:Assistant:Hosted:Timeout"] = "00:02:00",
            ["Bob:Assistant:Hosted:MaxRetries"] = "0",
        };

        public override async Task InitializeAsync()
        {
            _model = await FakeOpenAiServer.StartAsync(FakeModelBehaviour.StallBeforeTheLastWord);
            await base.InitializeAsync();
        }

        /// <summary>The model goes away: a stalled answer is cut, so the turn waiting on it fails now.</summary>
        public async Task FailModelAsync()
        {
            if (_model is { } model)
            {
                _model = null;
                await model.DisposeAsync();
            }
        }

        public override async Task DisposeAsync()
        {
            await FailModelAsync();
            await base.DisposeAsync();
        }
    }
}
