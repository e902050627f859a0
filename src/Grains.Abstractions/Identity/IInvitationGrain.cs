using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.InvitationDetails")]
public sealed record InvitationDetails(
    [property: Id(0)] TenantId Tenant,
    [property: Id(1)] string InvitationId,
    [property: Id(2)] string Email,
    [property: Id(3)] string Role,
    [property: Id(4)] DateTimeOffset ExpiresAt);

/// <summary>A one-use invitation, keyed by <see cref="AccessTokens.KeyOf"/> of its token.</summary>
[Alias("bob.IInvitationGrain")]
public interface IInvitationGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task CreateAsync(InvitationDetails details);

    /// <summary>Takes the invitation if it is still open (not used, revoked or expired); at most one caller ever gets it.</summary>
    [Alias("Redeem")]
    Task<InvitationDetails?> RedeemAsync();

    /// <summary>Gives a redeemed invitation back when the flow that took it could not finish.</summary>
    [Alias("Restore")]
    Task RestoreAsync();

    [Alias("Revoke")]
    Task RevokeAsync();
}
