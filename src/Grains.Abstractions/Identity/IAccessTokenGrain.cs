namespace Bob.Grains.Abstractions.Identity;

/// <summary>
/// One access token (bearer or session cookie), keyed by <see cref="AccessTokens.KeyOf"/> of the token,
/// so the raw token is never stored. A single activation cluster-wide means a revocation is seen by every
/// web node on its very next call.
/// </summary>
[Alias("bob.IAccessTokenGrain")]
public interface IAccessTokenGrain : IGrainWithStringKey
{
    [Alias("Issue")]
    Task IssueAsync(Common.TenantId tenant, string userId, string csrfToken, DateTimeOffset expiresAt);

    /// <summary>The caller behind this token, or null when it is unknown, expired, revoked, or its user left the tenant.</summary>
    [Alias("Authenticate")]
    Task<Principal?> AuthenticateAsync();

    [Alias("Revoke")]
    Task RevokeAsync();
}
