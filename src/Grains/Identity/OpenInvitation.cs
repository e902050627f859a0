using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.OpenInvitation")]
public sealed record OpenInvitation(
    [property: Id(0)] PendingInvitation Invitation,
    [property: Id(1)] string TokenKey);
