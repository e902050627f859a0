namespace Bob.Grains.Abstractions.Identity;

/// <summary>The tenant's settings, read live by every turn, and the stamp of the rest of its turn configuration.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantTurnConfig")]
public sealed record TenantTurnConfig(
    [property: Id(0)] TenantSettings Settings,
    [property: Id(1)] TurnConfigStamp Stamp);
