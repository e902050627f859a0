namespace Bob.Grains.Abstractions.Admin;

/// <summary>A page of the platform admin's tenant list: <paramref name="Text"/> searches ids and names.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantQuery")]
public sealed record TenantQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Plan,
    [property: Id(2)] string? Status,
    [property: Id(3)] int Page,
    [property: Id(4)] int PageSize);
