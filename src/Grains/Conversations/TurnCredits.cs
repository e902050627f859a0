using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Billing;

namespace Bob.Grains.Conversations;

/// <summary>
/// The credits an answered turn holds while its engine runs, owned by that turn: finished exactly once, by the first of
/// <see cref="SettledWithCommitAsync"/> (the answer is durable, and its commit settled the hold: see
/// <see cref="CreditSettlement"/>), <see cref="ReleaseAndRecountAsync"/> (durable behind a lost
/// acknowledgement) or <see cref="DisposeAsync"/> (nothing was stored). The turn holds it in an <c>await using</c>, so every
/// way out (an engine that threw, a failed write) gives the hold back, and a hold already settled is never given back again.
/// Each finish is marked before the meter is called: a meter call that fails is not retried as another finish (the hold
/// then expires, see <see cref="CreditMeterOptions.HoldExpiry"/>), so no path can count it twice.
/// </summary>
public sealed class TurnCredits(ITurnSources meter, TenantId tenant, CreditHold hold) : IAsyncDisposable
{
    private bool _finished;

    public CreditHold Hold => hold;

    /// <summary>What the answer's append settles once it is durable: this hold given back, <paramref name="credits"/> counted.</summary>
    public CreditSettlement Settlement(int credits) => new(hold.Held, credits);

    /// <summary>The answer is durable and its commit settled <paramref name="settlement"/> on the meter: the hold is finished,
    /// and the meter's balance (or the settle's failure) is read. Only once: a second finish is a defect of the turn.</summary>
    public Task<ChatCredits> SettledWithCommitAsync(CreditSettlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        Finish();
        return settlement.Balance.Task;
    }

    /// <summary>The answer is durable but its transaction id was lost with the acknowledgement: gives the hold back and
    /// lets the meter recount the log (which holds the answer's charge).</summary>
    public async Task<ChatCredits> ReleaseAndRecountAsync()
    {
        Finish();
        await meter.ReleaseAsync(tenant, hold.Held);
        return await meter.ReconcileAsync(tenant);
    }

    /// <summary>Gives the hold back unless the turn already settled or gave it back: nothing of the turn was stored.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            await meter.ReleaseAsync(tenant, hold.Held);
        }
    }

    private void Finish()
    {
        if (_finished)
        {
            throw new InvalidOperationException("This turn's credit hold was already settled or given back.");
        }
        _finished = true;
    }
}
