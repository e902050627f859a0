using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Conversations;

/// <summary>
/// Sums the period's credits from the log together with the snapshot that sum saw; a later charge counts only when its
/// commit is not in that snapshot. So a meter (re)activated between an answer's commit and its charge never counts it
/// twice, and a periodic recount heals a charge that never came (its conversation's silo died in between).
/// </summary>
public sealed class CreditMeterGrain(TranscriptStore store, IOptions<CreditMeterOptions> options, TimeProvider time) : Grain, ICreditMeterGrain
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
        var every = options.Value.ReconcileInterval;
        this.RegisterGrainTimer(RecountAsync, every, every);
    }

    public Task<ChatCredits> BalanceAsync()
    {
        RollOverIfNewPeriod();
        return Task.FromResult(Balance());
    }

    public Task<ChatCredits> ChargeAsync(int credits, ulong commitTransaction)
    {
        RollOverIfNewPeriod();
        if (!_summed.Sees(commitTransaction))
        {
            _used += credits;
        }
        return Task.FromResult(Balance());
    }

    public async Task<ChatCredits> ReconcileAsync()
    {
        await RecountAsync();
        return Balance();
    }

    private async Task RecountAsync()
    {
        var periodStart = PeriodStart();
        (_used, _summed) = await store.CreditsUsedSinceAsync(Tenant, periodStart);
        _periodStart = periodStart;
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
