using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Conversations;
using Bob.Grains.Telemetry;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Billing;

/// <summary>
/// Sums the period's credits from the log together with the snapshot that sum saw; a later charge counts only when its
/// commit is not in that snapshot. So a meter (re)activated between an answer's commit and its charge never counts it
/// twice, and a periodic recount heals a charge that never came (its conversation's silo died in between). Turns hold a
/// credit before their engine runs (<see cref="CreditLedger"/>); one activation answers one call at a time, so the
/// last credits go to exactly as many turns as they cover, whichever silos the turns run on.
/// It raises <c>credits.threshold</c> (80 %, 100 %) when a charge or a recount reaches one, and at every activation; the
/// events' ids are derived from tenant, period and threshold, so raising one again never reaches a receiver twice.
/// </summary>
public sealed class CreditMeterGrain(
    TranscriptStore store,
    WebhookStore webhooks,
    WebhookOutboxSignal signal,
    IOptions<CreditMeterOptions> options,
    TimeProvider time,
    GrainMetrics metrics,
    ILogger<CreditMeterGrain> logger) : Grain, ICreditMeterGrain
{
    private CreditLedger _ledger = null!;
    private CommitSnapshot _summed = CommitSnapshot.Nothing;
    private BillingPeriod? _summedPeriod;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var plan = await GrainFactory.GetGrain<ITenantGrain>(Tenant).GetPlanAsync();
        _ledger = new CreditLedger(time, plan?.Limits.IncludedCredits ?? 0, options.Value.HoldExpiry);
        await RecountAsync();
        var every = options.Value.ReconcileInterval;
        this.RegisterGrainTimer(RecountAsync, every, every);
    }

    public Task<ChatCredits> BalanceAsync() => Task.FromResult(_ledger.Balance);

    public Task<CreditHold> HoldAsync(string creditPolicy) =>
        Task.FromResult(new CreditHold(_ledger.TryHold(creditPolicy) ? CreditLedger.HeldPerTurn : 0, _ledger.Balance));

    public async Task<ChatCredits> SettleAsync(int held, int credits, ulong commitTransaction)
    {
        _ledger.Release(held);
        if (credits > 0 && !Summed().Sees(commitTransaction))
        {
            var before = _ledger.Used;
            _ledger.Charge(credits);
            metrics.CreditsCharged(credits);
            await RaiseThresholdsAsync(before);
        }
        return _ledger.Balance;
    }

    public Task<ChatCredits> ReleaseAsync(int held)
    {
        _ledger.Release(held);
        return Task.FromResult(_ledger.Balance);
    }

    /// <summary>Writes the events of the thresholds just reached to the outbox; a failure is logged, never the caller's (the next activation raises them).</summary>
    private async Task RaiseThresholdsAsync(int usedBefore)
    {
        var reached = CreditThresholds.Reached(_ledger.Included, usedBefore, _ledger.Used);
        if (reached.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        var period = _ledger.Period;
        var events = reached.Select(p => WebhookPayloads.CreditsThreshold(Tenant, p, _ledger.Included, _ledger.Used, period.Start, period.End, now)).ToList();
        try
        {
            await webhooks.AppendEventsAsync(events);
            signal.Notify();
        }
        catch (Exception failure) when (failure is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(failure, "credits.threshold events of {Tenant} not written; the meter's next activation raises them.", Tenant.Value);
        }
    }

    public async Task<ChatCredits> ReconcileAsync()
    {
        await RecountAsync();
        return _ledger.Balance;
    }

    public Task PlanChangedAsync(int includedCredits)
    {
        _ledger.SetIncluded(includedCredits);
        return Task.CompletedTask;
    }

    private async Task RecountAsync()
    {
        var period = BillingPeriod.Containing(time.GetUtcNow());
        // A first sum (activation) or a new period starts from nothing, so every threshold already reached is raised again.
        var before = _summedPeriod == period ? _ledger.Used : 0;
        var (used, summed) = await store.CreditsUsedSinceAsync(Tenant, period.Start);
        _ledger.Recounted(period, used);
        (_summed, _summedPeriod) = (summed, period);
        await RaiseThresholdsAsync(before);
    }

    /// <summary>The last sum's snapshot, while it is of the current period (a new period has summed nothing yet).</summary>
    private CommitSnapshot Summed() => _ledger.Period == _summedPeriod ? _summed : CommitSnapshot.Nothing;
}
