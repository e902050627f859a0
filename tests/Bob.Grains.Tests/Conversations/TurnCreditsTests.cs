using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Conversations;

namespace Bob.Grains.Tests.Conversations;

/// <summary>A turn's credit hold reaches the meter exactly once, whichever way the turn leaves (see <see cref="HeldCreditsTests"/> for the grain).</summary>
public sealed class TurnCreditsTests
{
    private static readonly TenantId Tenant = new("credits");
    private static readonly CreditHold OneHeld = new(1, new ChatCredits(0, 10));

    private readonly CountingMeter _meter = new();

    [Fact]
    public async Task A_turn_that_leaves_without_settling_gives_its_hold_back_once_even_when_disposed_again()
    {
        var credits = new TurnCredits(_meter, Tenant, OneHeld);

        await credits.DisposeAsync();
        await credits.DisposeAsync();

        Assert.Equal(["release 1"], _meter.Calls);
    }

    [Fact]
    public async Task A_hold_settled_with_its_commit_is_not_given_back_when_the_turn_leaves()
    {
        var balance = new ChatCredits(3, 7);
        await using (var credits = new TurnCredits(_meter, Tenant, OneHeld))
        {
            var settlement = credits.Settlement(3);
            Assert.Equal((1, 3), (settlement.Held, settlement.Credits));
            settlement.Balance.SetResult(balance); // what the writer does once the append is durable
            Assert.Equal(balance, await credits.SettledWithCommitAsync(settlement));
        }

        Assert.Empty(_meter.Calls);
    }

    [Fact]
    public async Task A_hold_released_for_a_recount_is_not_given_back_again_and_cannot_then_be_settled()
    {
        var credits = new TurnCredits(_meter, Tenant, OneHeld);

        await credits.ReleaseAndRecountAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => credits.SettledWithCommitAsync(credits.Settlement(1)));
        await credits.DisposeAsync();

        Assert.Equal(["release 1", "reconcile"], _meter.Calls);
    }

    /// <summary>Records each meter call a hold makes; the tenant's own reads are not a hold's business.</summary>
    private sealed class CountingMeter : ITurnSources
    {
        private static readonly ChatCredits Balance = new(0, 10);

        public List<string> Calls { get; } = [];

        public Task<ChatCredits> SettleAsync(TenantId tenant, int held, int credits, ulong commitTransaction) =>
            Record($"settle {held} {credits} {commitTransaction}");

        public Task<ChatCredits> ReleaseAsync(TenantId tenant, int held) => Record($"release {held}");

        public Task<ChatCredits> ReconcileAsync(TenantId tenant) => Record("reconcile");

        public Task<ITurnTenant?> TenantAsync(TenantId tenant, TenantTurnConfig? alreadyRead = null) => throw new NotSupportedException();

        public Task<ChatCredits> BalanceAsync(TenantId tenant) => throw new NotSupportedException();

        public Task<CreditHold> HoldAsync(TenantId tenant, string creditPolicy) => throw new NotSupportedException();

        private Task<ChatCredits> Record(string call)
        {
            Calls.Add(call);
            return Task.FromResult(Balance);
        }
    }
}
