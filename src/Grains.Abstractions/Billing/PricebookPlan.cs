namespace Bob.Grains.Abstractions.Billing;

/// <summary>One plan as a pricebook version prices it (API.md's <c>plans[]</c> item).</summary>
/// <param name="Seats">null means unlimited.</param>
[GenerateSerializer, Immutable, Alias("bob.PricebookPlan")]
public sealed record PricebookPlan(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal PriceUsdMonthly,
    [property: Id(3)] int IncludedCredits,
    [property: Id(4)] int? Seats,
    [property: Id(5)] int Integrations,
    [property: Id(6)] string Support)
{
    public PlanLimits ToLimits() => new(IncludedCredits, Seats, Integrations);
}
