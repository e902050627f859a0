using Bob.Grains.Tests.Infrastructure;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Billing;
using Bob.Grains.Tests.Cluster;
using Bob.Testing;
using Npgsql;

namespace Bob.Grains.Tests.Billing;

/// <summary>
/// The last credits of a period, spent by many sessions at once on two silos. The cluster's pricebook is republished
/// with a tiny Starter (5 credits, Pro 8), so the boundary is reached in a few turns.
/// </summary>
public sealed class LastCreditsTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private const int StarterCredits = 5;
    private const int ProCredits = 8;

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Many_sessions_at_once_on_two_silos_spend_the_last_credits_exactly_once_and_never_below_zero()
    {
        var tenant = await SmallStarterTenantAsync();
        var conversations = await fixture.ConversationsOnBothSilosAsync(tenant, perSilo: 15, idPrefix: "race-");

        // Every session sends its turn twice at once (a retry racing the original), all sessions together.
        var results = await Task.WhenAll(conversations.SelectMany((c, i) => Enumerable.Range(0, 2).Select(_ =>
            c.SendAsync(new ChatTurn(ChatChannel.Widget, "Do you ship to Norway?", $"turn-{i}", null, TestVisitor.Access)))));

        var answered = results.Where(r => r.IsSuccess).ToList();
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(FailureCodes.CreditsExhausted, r.Failure!.Code));
        Assert.Equal(StarterCredits, answered.Select(r => r.Value!.ConversationId).Distinct().Count());
        Assert.Equal(StarterCredits, answered.Select(r => r.Value!.MessageId).Distinct().Count());
        Assert.Equal(new ChatCredits(StarterCredits, 0), await Meter(tenant).BalanceAsync());
        Assert.Equal((StarterCredits, StarterCredits), await StoredAnswersAndCreditsAsync(tenant));
    }

    [Fact]
    public async Task At_zero_hard_stop_refuses_and_stores_nothing_while_overage_answers_and_counts_the_overage()
    {
        var tenant = await SmallStarterTenantAsync();
        await SpendAsync(tenant, StarterCredits);

        var refused = await Grains.GetConversation(tenant, new ConversationId("at-zero")).SendAsync(new ChatTurn(ChatChannel.Widget, "Still there?", null, null, TestVisitor.Access));
        Assert.True((await Grains.GetGrain<ITenantGrain>(tenant).SetCreditPolicyAsync(CreditPolicies.Overage)).IsSuccess);
        var overage = await SpendAsync(tenant, 3);

        Assert.Equal(FailureCodes.CreditsExhausted, refused.Failure?.Code);
        Assert.Null(await Grains.GetConversation(tenant, new ConversationId("at-zero")).GetAsync());
        Assert.All(overage, r => Assert.Equal(0, r.Credits.Remaining));
        var usage = (await Grains.GetGrain<IUsageGrain>(tenant.Value).GetAsync()).Value!;
        Assert.Equal((StarterCredits + 3, 0, 3, CreditPolicies.Overage), (usage.CreditsUsed, usage.CreditsRemaining, usage.Overage, usage.CreditPolicy));
        Assert.Equal((StarterCredits + 3, StarterCredits + 3), await StoredAnswersAndCreditsAsync(tenant));
    }

    [Fact]
    public async Task A_plan_change_applies_its_included_credits_to_the_next_turn()
    {
        var tenant = await SmallStarterTenantAsync();
        await SpendAsync(tenant, StarterCredits);

        Assert.True((await Grains.GetGrain<ITenantGrain>(tenant).ChangePlanAsync(Plans.Pro)).IsSuccess);

        // The meter hears of the change one-way, so the test waits for it rather than for a fixed time.
        var balance = await Eventually.ReturnsAsync(() => Meter(tenant).BalanceAsync(), b => b.Remaining > 0);
        Assert.Equal(new ChatCredits(StarterCredits, ProCredits - StarterCredits), balance);
        Assert.Equal(ProCredits - StarterCredits, (await SpendAsync(tenant, ProCredits - StarterCredits)).Count);
        var refused = await Grains.GetConversation(tenant, new ConversationId("after-pro")).SendAsync(new ChatTurn(ChatChannel.Widget, "One more?", null, null, TestVisitor.Access));
        Assert.Equal(FailureCodes.CreditsExhausted, refused.Failure?.Code);
    }

    private ICreditMeterGrain Meter(TenantId tenant) => Grains.GetGrain<ICreditMeterGrain>(tenant.Value);

    /// <summary>Answers <paramref name="turns"/> turns, one session each, one after another.</summary>
    private async Task<List<ChatReply>> SpendAsync(TenantId tenant, int turns)
    {
        var replies = new List<ChatReply>();
        for (var i = 0; i < turns; i++)
        {
            var reply = await Grains.GetConversation(tenant, new ConversationId($"spend-{Guid.NewGuid():N}"))
                .SendAsync(new ChatTurn(ChatChannel.Widget, "What are your opening hours?", null, null, TestVisitor.Access));
            Assert.True(reply.IsSuccess, reply.Failure?.Detail);
            replies.Add(reply.Value!);
        }
        return replies;
    }

    private async Task<TenantId> SmallStarterTenantAsync()
    {
        var pricebook = Grains.GetGrain<IPricebookGrain>(IPricebookGrain.Key);
        if ((await pricebook.GetLiveAsync()).Plan(Plans.Starter)!.IncludedCredits != StarterCredits)
        {
            var plans = SeedPricebook.Plans.Select(p => p.Id switch
            {
                Plans.Starter => p with { IncludedCredits = StarterCredits },
                Plans.Pro => p with { IncludedCredits = ProCredits },
                _ => p,
            }).ToList();
            var draft = await pricebook.CreateDraftAsync(plans);
            Assert.True(draft.IsSuccess, draft.Failure?.Detail);
            Assert.True((await pricebook.PublishAsync(draft.Value!.Version)).IsSuccess);
        }
        var signup = await Grains.GetGrain<IAccountsGrain>(0)
            .SignupAsync(new SignupRequest("Last Credit Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
        Assert.True(signup.IsSuccess, signup.Failure?.Detail);
        return new TenantId(signup.Value!.Tenant.Id);
    }

    /// <summary>The assistant's answers in the log and the credits they record: what a restarted meter would count.</summary>
    private async Task<(long Answers, long Credits)> StoredAnswersAndCreditsAsync(TenantId tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE role = 1), COALESCE(SUM(credits), 0) FROM bob_messages WHERE tenant_id = $1", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
