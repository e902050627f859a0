namespace Bob.Grains.Abstractions.Chat;

/// <summary>
/// A tenant's AI credits this month, keyed by tenant id. Its count is derived from the durable transcript
/// (each assistant message records its cost): it sums the log on activation and at every reconciliation, and in
/// between adds the charges of answers committed after its last sum, so charges always converge on stored answers.
/// </summary>
[Alias("bob.ICreditMeterGrain")]
public interface ICreditMeterGrain : IGrainWithStringKey
{
    [Alias("Balance")]
    Task<ChatCredits> BalanceAsync();

    /// <summary>Counts an answer whose transcript write committed in PostgreSQL transaction
    /// <paramref name="commitTransaction"/>; an answer the meter's last sum of the log already saw is not counted again.</summary>
    [Alias("ChargeCommitted")]
    Task<ChatCredits> ChargeAsync(int credits, ulong commitTransaction);

    /// <summary>Recounts the period from the durable log (e.g. after a write whose acknowledgement was lost).</summary>
    [Alias("Reconcile")]
    Task<ChatCredits> ReconcileAsync();
}
