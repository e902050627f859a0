using Bob.Grains.Abstractions.Billing;

namespace Bob.Grains.Abstractions.Admin;

/// <summary>A page of the platform admin's tenant list: <paramref name="Text"/> searches ids and names.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantQuery")]
public sealed record TenantQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? Plan,
    [property: Id(2)] string? Status,
    [property: Id(3)] int Page,
    [property: Id(4)] int PageSize);

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

[GenerateSerializer, Immutable, Alias("bob.TenantPage")]
public sealed record TenantPage(
    [property: Id(0)] IReadOnlyList<TenantListItem> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int Total,
    [property: Id(4)] BillingPeriod Period);

/// <summary>Lists tenants for the platform admin, from the tenant directory (a stateless worker on every silo).</summary>
[Alias("bob.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<TenantPage> ListAsync(TenantQuery query);
}
