namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.UserSummary")]
public sealed record UserSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role);
