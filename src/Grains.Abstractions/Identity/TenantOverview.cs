namespace Bob.Grains.Abstractions.Identity;

/// <summary>A tenant as its portal and the platform admin see it: profile, status, plan and what of the plan is in use.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantOverview")]
public sealed record TenantOverview(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string Plan,
    [property: Id(5)] int PricebookVersion,
    [property: Id(6)] DateTimeOffset SubscribedAt,
    [property: Id(7)] Billing.BillingPeriod Period,
    [property: Id(8)] Billing.PlanLimits Limits,
    [property: Id(9)] int SeatsUsed,
    [property: Id(10)] int IntegrationsUsed);
