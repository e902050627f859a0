namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.EmailOwner")]
public sealed record EmailOwner(
    [property: Id(0)] Common.TenantId Tenant,
    [property: Id(1)] string UserId);

/// <summary>Platform-wide uniqueness of login emails, keyed by the normalized email (<see cref="Emails.Normalize"/>).</summary>
[Alias("bob.IEmailIndexGrain")]
public interface IEmailIndexGrain : IGrainWithStringKey
{
    /// <summary>Claims the email for this user; false when someone else holds it.</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(EmailOwner owner);

    [Alias("Lookup")]
    Task<EmailOwner?> LookupAsync();

    /// <summary>Frees the email, only if this user holds it.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string userId);
}
