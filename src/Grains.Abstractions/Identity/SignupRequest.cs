namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.SignupRequest")]
public sealed record SignupRequest(
    [property: Id(0)] string BusinessName,
    [property: Id(1)] string Email,
    [property: Id(2)] string Password,
    [property: Id(3)] string? Website);
