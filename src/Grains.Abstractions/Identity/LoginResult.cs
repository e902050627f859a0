namespace Bob.Grains.Abstractions.Identity;

/// <summary>What a successful login (or accepted invitation) hands back: the bearer token doubles as the cookie value.</summary>
[GenerateSerializer, Immutable, Alias("bob.LoginResult")]
public sealed record LoginResult(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string CsrfToken,
    [property: Id(3)] SessionUser User);
