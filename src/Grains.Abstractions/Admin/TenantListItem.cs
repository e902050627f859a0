using Bob.Grains.Abstractions.Billing;

namespace Bob.Grains.Abstractions.Admin;

/// <summary>One tenant in the admin list, with its credits used this billing period.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantListItem")]
public sealed record TenantListItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Plan,
    [property: Id(3)] int PricebookVersion,
    [property: Id(4)] string Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] int CreditsUsed,
    [property: Id(7)] int CreditsIncluded);
