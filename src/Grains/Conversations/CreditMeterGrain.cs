using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Billing;
using Bob.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Conversations;

/// <summary>
/// Sums the period's credits from the log together with the snapshot that sum saw; a later charge counts only when its
/// commit is not in that snapshot. So a meter (re)activated between an answer's commit and its charge never counts it
/// twice, and a periodic recount heals a charge that never came (its conversation's silo died in between). Turns hold a
/// credit before their engine runs (<see cref="CreditLedger"/>); one activation answers one call at a time, so the
/// last credits go to exactly as many turns as they cover, whichever silos the turns run on.
/// </summary>
public sealed class CreditMeterGrain(TranscriptStore store, IOptions<CreditMeterOptions> options, TimeProvider time, GrainMetrics metrics) : Grain, ICreditMeterGrain
{
    private CreditLedger _ledger = null!;
    private CommitSnapshot _summed = CommitSnapshot.Nothing;
    private BillingPeriod? _summedPeriod;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var plan = await GrainFactory.GetGrain<ITenantGrain>(Tenant).GetPlanAsync();
        _ledger = new CreditLedger(time, plan?.Limits.IncludedCredits ?? 0);
        await RecountAsync();
        var every = options.Value.ReconcileInterval;
        this.RegisterGrainTimer(RecountAsync, every, every);
    }

    public Task<ChatCredits> BalanceAsync() => Task.FromResult(_ledger.Balance);

    public Task<CreditHold> HoldAsync(string creditPolicy) =>
        Task.FromResult(new CreditHold(_ledger.TryHold(creditPolicy) ? CreditLedger.HeldPerTurn : 0, _ledger.Balance));

    public Task<ChatCredits> SettleAsync(int held, int credits, ulong commitTransaction)
    {
        _ledger.Release(held);
        if (credits > 0 && !Summed().Sees(commitTransaction))
        {
            _ledger.Charge(credits);
            metrics.CreditsCharged(credits);
        }
        return Task.FromResult(_ledger.Balance);
    }

    public Task<ChatCredits> ChargeAsync(int credits, ulong commitTransaction) => SettleAsync(0, credits, commitTransaction);

    public Task<ChatCredits> ReleaseAsync(int held)
    {
        _ledger.Release(held);
        return Task.FromResult(_ledger.Balance);
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
        var (used, summed) = await store.CreditsUsedSinceAsync(Tenant, period.Start);
        _ledger.Recounted(period, used);
        (_summed, _summedPeriod) = (summed, period);
    }

    /// <summary>The last sum's snapshot, while it is of the current period (a new period has summed nothing yet).</summary>
    private CommitSnapshot Summed() => _ledger.Period == _summedPeriod ? _summed : CommitSnapshot.Nothing;
}
