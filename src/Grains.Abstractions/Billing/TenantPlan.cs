namespace Bob.Grains.Abstractions.Billing;

/// <summary>
/// The plan a tenant is subscribed to: the plan id, the pricebook version it subscribed under (kept until its plan
/// changes), that version's limits, and the current billing period. The one place other features read a limit from.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.TenantPlan")]
public sealed record TenantPlan(
    [property: Id(0)] string PlanId,
    [property: Id(1)] int PricebookVersion,
    [property: Id(2)] PlanLimits Limits,
    [property: Id(3)] BillingPeriod Period,
    [property: Id(4)] DateTimeOffset SubscribedAt);
