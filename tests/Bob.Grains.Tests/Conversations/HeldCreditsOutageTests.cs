using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Tests.Infrastructure;
using Bob.Testing;

namespace Bob.Grains.Tests.Conversations;

/// <summary>
/// A turn whose durable write is refused by an unavailable database gives its credit hold back exactly once, and its retry
/// (same client_message_id, once the database is back) is charged once (see <see cref="HeldCreditsProbe"/>). On a cluster
/// of its own: the outage terminates every connection its silo pooled.
/// </summary>
public sealed class HeldCreditsOutageTests(HeldCreditsOutageTests.FailFastCluster fixture) : IClassFixture<HeldCreditsOutageTests.FailFastCluster>
{
    private readonly HeldCreditsProbe _credits = new(fixture.Grains, fixture.ConnectionString);

    [Fact]
    public async Task A_turn_whose_write_meets_an_unavailable_database_gives_its_hold_back_and_its_retry_is_charged_once()
    {
        var tenant = await _credits.SignupAsync();
        await _credits.HoldOneAsync(tenant);
        var conversation = fixture.Grains.GetConversation(tenant, new ConversationId("outage"));
        Assert.True((await conversation.SendAsync(Turn("What are your opening hours?", "outage-1"))).IsSuccess);
        var turn = Turn("Do you ship to Norway?", "outage-2");

        await using (await DatabaseOutage.BeginAsync(fixture.ConnectionString))
        {
            var failure = await Assert.ThrowsAsync<FailureException>(() => conversation.SendAsync(turn));
            Assert.Equal(FailureCodes.ServiceUnavailable, failure.Failure.Code);
            await _credits.AssertOnlyTheTestsHoldAsync(tenant, "write refused", checkStored: false);
        }
        var retried = await Eventually.ReturnsAsync(() => conversation.SendAsync(turn), r => r.IsSuccess);

        Assert.True(retried.IsSuccess, retried.Failure?.Detail);
        Assert.Equal(2, (await conversation.GetAsync())!.Messages.Count(m => m.Role == TranscriptRole.Assistant));
        await _credits.AssertOnlyTheTestsHoldAsync(tenant, "retried");
    }

    private static ChatTurn Turn(string message, string clientMessageId) => new(ChatChannel.Widget, message, clientMessageId, null, TestVisitor.Access);

    /// <summary>Appends fail at once while the database is unavailable, instead of waiting for it.</summary>
    public sealed class FailFastCluster : ClusterFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Bob:Database:UnavailableWait"] = "00:00:00",
        };
    }
}
