namespace Bob.Grains.Abstractions.Identity;

/// <summary>The member acting on the team, so the tenant grain can apply "only an owner grants owner".</summary>
[GenerateSerializer, Immutable, Alias("bob.Actor")]
public sealed record Actor(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Role);
