namespace Bob.Grains.Abstractions.Identity;

/// <summary>The plans a tenant can be on (ids as stored and shown) and what each includes.</summary>
public static class Plans
{
    public const string Starter = "starter";
    public const string Pro = "pro";
    public const string Enterprise = "enterprise";

    public static readonly IReadOnlyList<string> All = [Starter, Pro, Enterprise];

    /// <summary>Included AI credits per month, from the seed pricebook V1 until the published pricebook replaces it; an unknown plan gets the starter's.</summary>
    public static int IncludedCredits(string plan) => plan switch
    {
        Pro => 75_000,
        Enterprise => 250_000,
        _ => 15_000,
    };
}
