using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Telemetry;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Logging;

namespace Bob.Grains.Conversations;

/// <summary>
/// A tenant's credits used this period (re-read from the transcript at activation) and the <c>credits.threshold</c> events
/// (80 %, 100 %) when a charge reaches one. The events' ids are derived from tenant, period and threshold, so raising one
/// again (at every activation, which covers a charge lost with a silo) never reaches a receiver twice.
/// </summary>
public sealed class CreditMeterGrain(
    TranscriptStore store,
    WebhookStore webhooks,
    WebhookOutboxSignal signal,
    TimeProvider time,
    GrainMetrics metrics,
    ILogger<CreditMeterGrain> logger) : Grain, ICreditMeterGrain
{
    private DateTimeOffset _periodStart;
    private int _used;
    private int _included;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _periodStart = PeriodStart();
        _used = await store.CreditsUsedSinceAsync(Tenant, _periodStart);
        var plan = await GrainFactory.GetGrain<ITenantGrain>(Tenant).GetPlanAsync();
        _included = plan?.Limits.IncludedCredits ?? 0;
        await RaiseThresholdsAsync(null);
    }

    public Task<ChatCredits> BalanceAsync()
    {
        RollOverIfNewPeriod();
        return Task.FromResult(Balance());
    }

    public async Task<ChatCredits> ChargeAsync(int credits)
    {
        RollOverIfNewPeriod();
        var before = _used;
        _used += credits;
        metrics.CreditsCharged(credits);
        await RaiseThresholdsAsync(before);
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

    private ChatCredits Balance() => new(_used, Math.Max(0, _included - _used));

    private void RollOverIfNewPeriod()
    {
        var current = PeriodStart();
        if (current != _periodStart)
        {
            _periodStart = current;
            _used = 0;
        }
    }

    private DateTimeOffset PeriodStart()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
