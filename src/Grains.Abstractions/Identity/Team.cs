namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.Team")]
public sealed record Team(
    [property: Id(0)] IReadOnlyList<TeamMember> Members,
    [property: Id(1)] IReadOnlyList<PendingInvitation> Invitations);
