namespace Bob.Grains.Abstractions.Identity;

/// <summary>A user's credentials, keyed "tenantId/userId". Roles live in the tenant's team, not here.</summary>
[Alias("bob.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task CreateAsync(string email, string passwordHash);

    /// <summary>True when the user exists, is active, and the password matches its slow salted hash.</summary>
    [Alias("VerifyPassword")]
    Task<bool> VerifyPasswordAsync(string password);

    /// <summary>Remembers a token issued to this user (until it expires), so a password change can revoke it.</summary>
    [Alias("TrackToken")]
    Task TrackTokenAsync(string tokenKey, DateTimeOffset expiresAt);

    /// <summary>Stores the new password hash and forgets the user's tokens; returns their keys, for the caller to revoke.</summary>
    [Alias("ChangePassword")]
    Task<IReadOnlyList<string>> ChangePasswordAsync(string passwordHash);

    [Alias("Deactivate")]
    Task DeactivateAsync();
}
