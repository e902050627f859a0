namespace Bob.Grains.Abstractions.Identity;

/// <summary>The tenant's settings and the stamp of the rest of its turn configuration, with how long a process may keep
/// this answer (<see cref="KeepFor"/>, counted from when it asked): the tenant grain acknowledges a change only once every
/// answer it gave before the change has run out (<see cref="TenantTurnConfigCopies"/>). Zero: use it for this turn only.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantTurnConfig")]
public sealed record TenantTurnConfig(
    [property: Id(0)] TenantSettings Settings,
    [property: Id(1)] TurnConfigStamp Stamp,
    [property: Id(2)] TimeSpan KeepFor = default);
