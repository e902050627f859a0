namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.SignupResult")]
public sealed record SignupResult(
    [property: Id(0)] TenantSummary Tenant,
    [property: Id(1)] UserSummary User,
    [property: Id(2)] WidgetKeyIssued WidgetKey);
