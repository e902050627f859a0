namespace Bob.Grains.Conversations;

/// <summary>Included AI credits per plan, from the seed pricebook V1 until the published pricebook replaces it.</summary>
public static class Plans
{
    public static int IncludedCredits(string plan) => plan switch
    {
        "pro" => 75_000,
        "enterprise" => 250_000,
        _ => 15_000,
    };
}
