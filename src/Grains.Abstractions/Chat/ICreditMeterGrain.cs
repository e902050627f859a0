namespace Bob.Grains.Abstractions.Chat;

/// <summary>
/// A tenant's AI credits this month, keyed by tenant id. Its count is derived from the durable transcript
/// (each assistant message records its cost), so nothing is lost when it is deactivated.
/// </summary>
[Alias("bob.ICreditMeterGrain")]
public interface ICreditMeterGrain : IGrainWithStringKey
{
    [Alias("Balance")]
    Task<ChatCredits> BalanceAsync();

    [Alias("Charge")]
    Task<ChatCredits> ChargeAsync(int credits);
}
