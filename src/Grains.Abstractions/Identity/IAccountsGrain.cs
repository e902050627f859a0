using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Identity;

/// <summary>
/// Orchestrates the multi-grain account flows (signup, login, accepting an invitation).
/// A stateless worker: any silo runs it, several at once, and password hashing spreads over them.
/// Use key 0.
/// </summary>
[Alias("bob.IAccountsGrain")]
public interface IAccountsGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the tenant, its owner, its default persona and its first widget key.</summary>
    [Alias("Signup")]
    Task<Result<SignupResult>> SignupAsync(SignupRequest request);

    /// <summary>Checks credentials and issues an access token. Throttled per account and <paramref name="source"/>
    /// (the caller's network address, see <see cref="LoginSources"/>), so a stranger's failures never lock the owner out.</summary>
    [Alias("LoginFrom")]
    Task<Result<LoginResult>> LoginAsync(string email, string password, string source);

    /// <summary>Turns a one-use invitation into a member with the given password, and logs them in.</summary>
    [Alias("AcceptInvitation")]
    Task<Result<LoginResult>> AcceptInvitationAsync(string inviteToken, string password);

    /// <summary>
    /// A signed-in user replaces their password (the current one must match; wrong guesses count against the login
    /// throttle for <paramref name="source"/>, as in <see cref="LoginAsync"/>). Every token the user holds is revoked, the current one too, and a fresh one is issued.
    /// </summary>
    [Alias("ChangePassword")]
    Task<Result<LoginResult>> ChangePasswordAsync(TenantId tenant, string userId, string currentPassword, string newPassword, string source);

    /// <summary>Creates the platform tenant and its first platform admin if they do not exist yet.
    /// Returns the generated one-time password when one had to be made, else null.</summary>
    [Alias("BootstrapPlatform")]
    Task<string?> BootstrapPlatformAsync(string adminEmail, string? adminPassword);
}
