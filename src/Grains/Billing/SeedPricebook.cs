using Bob.Grains.Abstractions.Billing;

namespace Bob.Grains.Billing;

/// <summary>The seed's pricebook V1 (API.md), published at first start; every later version is published through the API.</summary>
public static class SeedPricebook
{
    public const int Version = 1;

    public static readonly IReadOnlyList<PricebookPlan> Plans =
    [
        new(Abstractions.Billing.Plans.Starter, "Starter", 79m, 15_000, 3, 1, "email"),
        new(Abstractions.Billing.Plans.Pro, "Pro", 249m, 75_000, 10, 3, "priority"),
        new(Abstractions.Billing.Plans.Enterprise, "Enterprise", 899m, 250_000, null, 10, "dedicated"),
    ];
}
