namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.InvitationIssued")]
public sealed record InvitationIssued(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] string InviteToken,
    [property: Id(4)] DateTimeOffset ExpiresAt);
