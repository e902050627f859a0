namespace Bob.Grains.Abstractions.Billing;

/// <summary>What a plan allows, as the pricebook version a tenant subscribed under says.</summary>
/// <param name="IncludedCredits">AI credits included per billing period.</param>
/// <param name="Seats">Members who use a seat (pending invitations included); null means unlimited.</param>
/// <param name="Integrations">Webhook endpoints and other connectors.</param>
[GenerateSerializer, Immutable, Alias("bob.PlanLimits")]
public sealed record PlanLimits(
    [property: Id(0)] int IncludedCredits,
    [property: Id(1)] int? Seats,
    [property: Id(2)] int Integrations);
