using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Billing;

namespace Bob.Grains.Conversations;

/// <summary>
/// The credits an answered turn holds while its engine runs, owned by that turn: finished exactly once, by the first of
/// <see cref="SettleAsync"/> (the answer is durable), <see cref="ReleaseAndRecountAsync"/> (durable behind a lost
/// acknowledgement) or <see cref="DisposeAsync"/> (nothing was stored). The turn holds it in an <c>await using</c>, so every
/// way out (an engine that threw, a failed write) gives the hold back, and a hold already settled is never given back again.
/// Each finish is marked before the meter is called: a meter call that fails is not retried as another finish (the hold
/// then expires, see <see cref="CreditMeterOptions.HoldExpiry"/>), so no path can count it twice.
/// </summary>
public sealed class TurnCredits(ITurnSources meter, TenantId tenant, CreditHold hold) : IAsyncDisposable
{
    private bool _finished;

    public CreditHold Hold => hold;

    /// <summary>The answer that cost <paramref name="credits"/> is durable in <paramref name="commitTransaction"/>:
    /// gives the hold back and counts the answer's charge. Only once: a second finish is a defect of the turn.</summary>
    public Task<ChatCredits> SettleAsync(int credits, ulong commitTransaction)
    {
        Finish();
        return meter.SettleAsync(tenant, hold.Held, credits, commitTransaction);
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
