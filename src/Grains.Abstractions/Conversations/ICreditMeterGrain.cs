using Orleans.Concurrency;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>
/// A tenant's AI credits this month, keyed by tenant id. Its count is derived from the durable transcript
/// (each assistant message records its cost): it sums the log on activation and at every reconciliation, and in
/// between adds the charges of answers committed after its last sum, so charges always converge on stored answers.
/// One activation in the cluster answers one call at a time: turns on every silo hold and settle their credits here.
/// </summary>
[Alias("bob.ICreditMeterGrain")]
public interface ICreditMeterGrain : IGrainWithStringKey
{
    [Alias("Balance")]
    Task<ChatCredits> BalanceAsync();

    /// <summary>Holds a turn's credit before its engine runs; under <c>hard_stop</c> nothing is held once none remain.</summary>
    [Alias("Hold")]
    Task<CreditHold> HoldAsync(string creditPolicy);

    /// <summary>Gives back turns' <paramref name="held"/> credits and counts their stored answers' <paramref name="credits"/>,
    /// whose transcript writes committed in PostgreSQL transaction <paramref name="commitTransaction"/> (one call for all the
    /// tenant's answers of a group commit); answers the meter's last sum of the log already saw are not counted again.</summary>
    [Alias("Settle")]
    Task<ChatCredits> SettleAsync(int held, int credits, ulong commitTransaction);

    /// <summary>Gives back a turn's hold when nothing was stored (its engine failed, its reader left, its write failed).</summary>
    [Alias("Release")]
    Task<ChatCredits> ReleaseAsync(int held);

    /// <summary>Recounts the period from the durable log (e.g. after a write whose acknowledgement was lost).</summary>
    [Alias("Reconcile")]
    Task<ChatCredits> ReconcileAsync();

    /// <summary>The tenant's plan changed: its included credits apply from the next turn. One-way, so the tenant grain
    /// never waits on its meter (which reads the tenant when it activates).</summary>
    [Alias("PlanChanged"), OneWay]
    Task PlanChangedAsync(int includedCredits);
}
