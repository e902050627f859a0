using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Telemetry;

namespace Bob.Grains.Conversations;

public sealed class CreditMeterGrain(TranscriptStore store, TimeProvider time, GrainMetrics metrics) : Grain, ICreditMeterGrain
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
    }

    public Task<ChatCredits> BalanceAsync()
    {
        RollOverIfNewPeriod();
        return Task.FromResult(Balance());
    }

    public Task<ChatCredits> ChargeAsync(int credits)
    {
        RollOverIfNewPeriod();
        _used += credits;
        metrics.CreditsCharged(credits);
        return Task.FromResult(Balance());
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
