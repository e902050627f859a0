using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Conversations;
using Bob.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Bob.Grains.Tests.Conversations;

/// <summary>Charges equal stored answers, whichever way a crash or a reactivation falls between the commit and the charge.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CreditMeterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_meter_activated_after_an_answer_was_stored_does_not_count_its_late_charge_twice()
    {
        var tenant = await SignupAsync();
        var committed = await StoreAnswerAsync(tenant, "race", credits: 1);

        var charged = await Meter(tenant).SettleAsync(0, 1, committed);

        Assert.Equal(1, charged.Used);
    }

    [Fact]
    public async Task Answers_committed_after_the_meter_summed_the_log_are_charged()
    {
        var tenant = await SignupAsync();
        await StoreAnswerAsync(tenant, "before", credits: 1);
        Assert.Equal(1, (await Meter(tenant).BalanceAsync()).Used);

        var first = await Meter(tenant).SettleAsync(0, 2, await StoreAnswerAsync(tenant, "after-1", credits: 2));
        var second = await Meter(tenant).SettleAsync(0, 3, await StoreAnswerAsync(tenant, "after-2", credits: 3));

        Assert.Equal(3, first.Used);
        Assert.Equal(6, second.Used);
        Assert.Equal(6, (await Meter(tenant).ReconcileAsync()).Used);
    }

    [Fact]
    public async Task An_answer_whose_charge_never_came_is_counted_by_the_next_recount_and_its_late_charge_is_not_doubled()
    {
        var tenant = await SignupAsync();
        Assert.Equal(0, (await Meter(tenant).BalanceAsync()).Used);
        var orphan = await StoreAnswerAsync(tenant, "orphan", credits: 1); // the conversation's silo died before charging

        var recounted = await Meter(tenant).ReconcileAsync();
        var late = await Meter(tenant).SettleAsync(0, 1, orphan);

        Assert.Equal(1, recounted.Used);
        Assert.Equal(1, late.Used);
    }

    private ICreditMeterGrain Meter(TenantId tenant) => fixture.Grains.GetGrain<ICreditMeterGrain>(tenant.Value);

    private TranscriptWriter Writer => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<TranscriptWriter>();

    /// <summary>Commits a visitor turn and an answer costing <paramref name="credits"/> as a conversation would, without charging.</summary>
    private async Task<ulong> StoreAnswerAsync(TenantId tenant, string sessionId, int credits)
    {
        var now = DateTimeOffset.UtcNow;
        return await Writer.AppendAsync(
            new ConversationRow(tenant, new ConversationId(sessionId), ChatChannel.Widget, ConversationStatus.Assistant, null, null, null, now, now, 2, "answer"),
            [
                new TranscriptMessage(1, Ids.New("msg_"), TranscriptRole.Visitor, "question", null, [], false, 0, now, null),
                new TranscriptMessage(2, Ids.New("msg_"), TranscriptRole.Assistant, "answer", "Bob", [], false, credits, now, null),
            ]);
    }

    private async Task<TenantId> SignupAsync()
    {
        var signup = await fixture.Grains.GetGrain<IAccountsGrain>(0).SignupAsync(
            new SignupRequest("Meter Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
        return new TenantId(signup.Value!.Tenant.Id);
    }
}
