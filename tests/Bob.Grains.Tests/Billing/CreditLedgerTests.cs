using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Billing;
using Bob.Grains.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Billing;

public sealed class CreditLedgerTests
{
    private static readonly TimeSpan HoldLifetime = new CreditMeterOptions().HoldExpiry;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero));

    private CreditLedger Ledger(int used, int included)
    {
        var ledger = new CreditLedger(_time, included, HoldLifetime);
        ledger.Recounted(BillingPeriod.Containing(_time.GetUtcNow()), used);
        return ledger;
    }

    [Fact]
    public void Hard_stop_holds_the_last_credit_once_and_then_refuses()
    {
        var ledger = Ledger(used: 9, included: 10);

        Assert.True(ledger.TryHold(CreditPolicies.HardStop));
        Assert.False(ledger.TryHold(CreditPolicies.HardStop));
        Assert.Equal(new ChatCredits(9, 0), ledger.Balance);
    }

    [Fact]
    public void A_hold_given_back_without_an_answer_frees_the_credit_for_the_next_turn()
    {
        var ledger = Ledger(used: 9, included: 10);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop));

        ledger.Release(CreditLedger.HeldPerTurn);

        Assert.Equal(new ChatCredits(9, 1), ledger.Balance);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop));
    }

    [Fact]
    public void A_recount_keeps_the_holds_in_flight()
    {
        var ledger = Ledger(used: 8, included: 10);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop));
        Assert.True(ledger.TryHold(CreditPolicies.HardStop));

        ledger.Recounted(ledger.Period, 8);

        Assert.False(ledger.TryHold(CreditPolicies.HardStop));
    }

    [Fact]
    public void Overage_holds_past_the_included_credits_and_counts_them_as_used()
    {
        var ledger = Ledger(used: 10, included: 10);

        Assert.True(ledger.TryHold(CreditPolicies.Overage));
        ledger.Release(CreditLedger.HeldPerTurn);
        ledger.Charge(CreditLedger.Chargeable(3, new CreditHold(1, new ChatCredits(10, 0)), CreditPolicies.Overage));

        Assert.Equal(new ChatCredits(13, 0), ledger.Balance);
    }

    [Fact]
    public void Under_hard_stop_an_answer_is_charged_no_more_than_its_hold_and_what_remained()
    {
        var hold = new CreditHold(1, new ChatCredits(8, 1));

        Assert.Equal(2, CreditLedger.Chargeable(5, hold, CreditPolicies.HardStop));
        Assert.Equal(1, CreditLedger.Chargeable(1, hold, CreditPolicies.HardStop));
        Assert.Equal(0, CreditLedger.Chargeable(0, hold, CreditPolicies.HardStop));
        Assert.Equal(5, CreditLedger.Chargeable(5, hold, CreditPolicies.Overage));
    }

    [Fact]
    public void A_new_period_starts_the_count_at_zero()
    {
        var ledger = Ledger(used: 10, included: 10);
        Assert.False(ledger.TryHold(CreditPolicies.HardStop));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new ChatCredits(0, 10), ledger.Balance);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), ledger.Period.Start);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop));
    }

    [Fact]
    public void A_plan_change_applies_its_included_credits_to_what_was_used()
    {
        var ledger = Ledger(used: 12, included: 20);

        ledger.SetIncluded(10);
        Assert.Equal(new ChatCredits(12, 0), ledger.Balance);
        Assert.False(ledger.TryHold(CreditPolicies.HardStop));

        ledger.SetIncluded(15);
        Assert.Equal(new ChatCredits(12, 3), ledger.Balance);
    }

    [Fact]
    public void A_hold_nobody_settles_expires_after_its_lifetime_and_gives_its_credit_back_without_a_charge()
    {
        var time = MidMonth();
        var ledger = new CreditLedger(time, included: 1, HoldLifetime);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop));

        time.Advance(HoldLifetime - TimeSpan.FromSeconds(1));
        Assert.False(ledger.TryHold(CreditPolicies.HardStop));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(new ChatCredits(0, 1), ledger.Balance);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop));
    }

    [Fact]
    public void A_stranded_hold_still_expires_while_other_turns_hold_and_give_back()
    {
        var time = MidMonth();
        var ledger = new CreditLedger(time, included: 3, HoldLifetime);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop)); // stranded: its silo died mid-turn
        for (var minute = 0; minute < 6; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.True(ledger.TryHold(CreditPolicies.HardStop));
            ledger.Release(CreditLedger.HeldPerTurn);
        }

        Assert.Equal(0, ledger.Held);
        Assert.Equal(new ChatCredits(0, 3), ledger.Balance);
    }

    [Fact]
    public void Holds_of_turns_in_flight_do_not_expire_while_a_stranded_one_does()
    {
        var time = MidMonth();
        var ledger = new CreditLedger(time, included: 5, HoldLifetime);
        Assert.True(ledger.TryHold(CreditPolicies.HardStop)); // stranded
        time.Advance(HoldLifetime - TimeSpan.FromSeconds(30));
        Assert.True(ledger.TryHold(CreditPolicies.HardStop)); // a live turn
        Assert.True(ledger.TryHold(CreditPolicies.HardStop)); // another, which finishes first
        ledger.Release(CreditLedger.HeldPerTurn);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(CreditLedger.HeldPerTurn, ledger.Held);
        ledger.Release(CreditLedger.HeldPerTurn);
        Assert.Equal(0, ledger.Held);
    }

    private static FakeTimeProvider MidMonth() => new(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
}
