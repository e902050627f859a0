namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.TeamMember")]
public sealed record TeamMember(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] DateTimeOffset JoinedAt);
