namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.PendingInvitation")]
public sealed record PendingInvitation(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] DateTimeOffset ExpiresAt);
