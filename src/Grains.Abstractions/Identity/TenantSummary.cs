namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.TenantSummary")]
public sealed record TenantSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Plan,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset CreatedAt);
