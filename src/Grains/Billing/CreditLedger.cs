using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;

namespace Bob.Grains.Billing;

/// <summary>
/// A tenant's credit count for the current billing period, as the meter grain keeps it: <see cref="Used"/> (the log's
/// sum plus the answers charged since) and the credits <see cref="Held"/> by turns whose engine is running. A turn holds
/// a credit before its engine runs (<see cref="TryHold"/>) and gives it back when its answer is charged or when nothing
/// is stored (<see cref="Release"/>), so however many turns run at once, under <c>hard_stop</c> no more are answered than
/// credits remain. Under <c>overage</c> every turn is held and answered; what passes the included credits is overage.
/// A new period starts the count at zero. A hold nobody settles or gives back (its conversation's silo died mid-turn)
/// expires after <c>holdLifetime</c> (<c>Bob:Credits:HoldExpiry</c>); holds only gate admission, charges come from stored answers, so an expiry
/// never charges anything.
/// </summary>
public sealed class CreditLedger(TimeProvider time, int included, TimeSpan holdLifetime)
{
    /// <summary>What a turn holds before its engine runs: the least a model's reply costs.</summary>
    public const int HeldPerTurn = 1;

    private BillingPeriod _period = BillingPeriod.Containing(time.GetUtcNow());

    // When each hold in flight was taken, oldest first. Holds are interchangeable, so a turn gives back the youngest:
    // the oldest entries left are then the ones nobody will give back, and they are the ones that expire. An entry
    // left for a live turn is never older than that turn's start by more than the longest turn, far within the lifetime.
    private readonly List<DateTimeOffset> _holds = [];

    public int Used { get; private set; }

    public int Held
    {
        get
        {
            var expired = time.GetUtcNow() - holdLifetime;
            var stale = _holds.FindIndex(taken => taken > expired);
            _holds.RemoveRange(0, stale < 0 ? _holds.Count : stale);
            return _holds.Count * HeldPerTurn;
        }
    }

    public int Included { get; private set; } = included;

    /// <summary>The period the count is for; it moves (and the count restarts) when the clock passes its end.</summary>
    public BillingPeriod Period
    {
        get
        {
            RollOverIfNewPeriod();
            return _period;
        }
    }

    public ChatCredits Balance
    {
        get
        {
            RollOverIfNewPeriod();
            return new ChatCredits(Used, CreditsRemaining.Of(Included, Used, Held));
        }
    }

    /// <summary>
    /// What an answer is charged: its cost, except that under <c>hard_stop</c> it is no more than its hold and the
    /// credits that remained when it was held (a hosted model's long last reply does not push the count past the plan).
    /// </summary>
    public static int Chargeable(int cost, CreditHold hold, string creditPolicy)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return creditPolicy == CreditPolicies.Overage ? cost : Math.Min(cost, hold.Held + hold.Balance.Remaining);
    }

    /// <summary>The log was summed for <paramref name="period"/>: the count is that sum (holds in flight stay held).</summary>
    public void Recounted(BillingPeriod period, int used)
    {
        _period = period;
        Used = used;
    }

    /// <summary>The plan changed: its included credits apply at once, to what was already used this period.</summary>
    public void SetIncluded(int included) => Included = included;

    /// <summary>Holds <see cref="HeldPerTurn"/> credits for a turn; false (nothing held) when <c>hard_stop</c> finds none left.</summary>
    public bool TryHold(string creditPolicy)
    {
        RollOverIfNewPeriod();
        if (creditPolicy != CreditPolicies.Overage && CreditsRemaining.Of(Included, Used, Held) < HeldPerTurn)
        {
            return false;
        }
        _holds.Add(time.GetUtcNow());
        return true;
    }

    /// <summary>Gives back a turn's hold: its answer was charged, cost nothing, or was never stored.</summary>
    public void Release(int held)
    {
        var count = Math.Min(_holds.Count, held / HeldPerTurn);
        _holds.RemoveRange(_holds.Count - count, count);
    }

    /// <summary>Counts a stored answer's charge.</summary>
    public void Charge(int credits)
    {
        RollOverIfNewPeriod();
        Used += credits;
    }

    private void RollOverIfNewPeriod()
    {
        var current = BillingPeriod.Containing(time.GetUtcNow());
        if (current != _period)
        {
            _period = current;
            Used = 0;
        }
    }
}
