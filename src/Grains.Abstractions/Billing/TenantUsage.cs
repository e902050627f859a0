namespace Bob.Grains.Abstractions.Billing;

/// <summary>One day of a billing period (UTC): messages exchanged and credits charged.</summary>
[GenerateSerializer, Immutable, Alias("bob.UsageDay")]
public sealed record UsageDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] int Messages,
    [property: Id(2)] int Credits);

/// <summary>
/// A tenant's usage this billing period (<c>GET /api/usage</c>). <see cref="Messages"/> counts the messages exchanged
/// (visitors', the assistant's and human agents'; not system notes). <see cref="Overage"/> is what was used beyond the
/// included credits. <see cref="Days"/> has every day of the period so far, oldest first, for the portal's chart.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.TenantUsage")]
public sealed record TenantUsage(
    [property: Id(0)] BillingPeriod Period,
    [property: Id(1)] string Plan,
    [property: Id(2)] int PricebookVersion,
    [property: Id(3)] string CreditPolicy,
    [property: Id(4)] int CreditsIncluded,
    [property: Id(5)] int CreditsUsed,
    [property: Id(6)] int CreditsRemaining,
    [property: Id(7)] int Overage,
    [property: Id(8)] int Messages,
    [property: Id(9)] IReadOnlyList<UsageDay> Days);
