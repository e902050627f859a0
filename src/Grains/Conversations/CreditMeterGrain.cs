using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Conversations;

/// <summary>
/// Sums the period's credits from the log together with the snapshot that sum saw; a later charge counts only when its
/// commit is not in that snapshot. So a meter (re)activated between an answer's commit and its charge never counts it
/// twice, and a periodic recount heals a charge that never came (its conversation's silo died in between).
/// It raises <c>credits.threshold</c> (80 %, 100 %) when a charge or a recount reaches one, and at every activation; the
/// events' ids are derived from tenant, period and threshold, so raising one again never reaches a receiver twice.
/// </summary>
public sealed class CreditMeterGrain(
    TranscriptStore store,
    WebhookStore webhooks,
    WebhookOutboxSignal signal,
    IOptions<CreditMeterOptions> options,
    TimeProvider time,
    ILogger<CreditMeterGrain> logger) : Grain, ICreditMeterGrain
{
    private DateTimeOffset _periodStart;
    private int _used;
    private int _included;
    private CommitSnapshot _summed = CommitSnapshot.Nothing;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RecountAsync();
        var plan = await GrainFactory.GetGrain<ITenantGrain>(Tenant).GetPlanAsync();
        _included = plan?.Limits.IncludedCredits ?? 0;
        await RaiseThresholdsAsync(null);
        var every = options.Value.ReconcileInterval;
        this.RegisterGrainTimer(RecountAsync, every, every);
    }

    public Task<ChatCredits> BalanceAsync()
    {
        RollOverIfNewPeriod();
        return Task.FromResult(Balance());
    }

    public async Task<ChatCredits> ChargeAsync(int credits, ulong commitTransaction)
    {
        RollOverIfNewPeriod();
        if (!_summed.Sees(commitTransaction))
        {
            var before = _used;
            _used += credits;
            await RaiseThresholdsAsync(before);
        }
        return Balance();
    }

    /// <summary>Writes the events of the thresholds just reached to the outbox; a failure is logged, never the caller's (the next activation raises them).</summary>
    private async Task RaiseThresholdsAsync(int? usedBefore)
    {
        var reached = CreditThresholds.Reached(_included, usedBefore, _used);
        if (reached.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        var events = reached.Select(p => WebhookPayloads.CreditsThreshold(Tenant, p, _included, _used, _periodStart, _periodStart.AddMonths(1), now)).ToList();
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
        return Balance();
    }

    private async Task RecountAsync()
    {
        var periodStart = PeriodStart();
        var before = periodStart == _periodStart ? _used : 0;
        (_used, _summed) = await store.CreditsUsedSinceAsync(Tenant, periodStart);
        _periodStart = periodStart;
        await RaiseThresholdsAsync(before);
    }

    private ChatCredits Balance() => new(_used, Math.Max(0, _included - _used));

    private void RollOverIfNewPeriod()
    {
        var current = PeriodStart();
        if (current != _periodStart)
        {
            _periodStart = current;
            _used = 0;
            _summed = CommitSnapshot.Nothing;
        }
    }

    private DateTimeOffset PeriodStart()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
