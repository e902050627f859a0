using Bob.Grains.Abstractions.Billing;

namespace Bob.Grains.Abstractions.Admin;

[GenerateSerializer, Immutable, Alias("bob.TenantPage")]
public sealed record TenantPage(
    [property: Id(0)] IReadOnlyList<TenantListItem> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int Total,
    [property: Id(4)] BillingPeriod Period);
