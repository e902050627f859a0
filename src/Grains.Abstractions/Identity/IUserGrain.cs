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

    [Alias("Deactivate")]
    Task DeactivateAsync();
}
