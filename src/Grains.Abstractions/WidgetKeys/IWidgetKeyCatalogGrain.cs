using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>A tenant's widget keys (keyed by tenant id): names, allow-lists, rotation and revocation.</summary>
[Alias("bob.IWidgetKeyCatalogGrain")]
public interface IWidgetKeyCatalogGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Result<WidgetKeyView>> CreateAsync(WidgetKeyInput input);

    [Alias("List")]
    Task<IReadOnlyList<WidgetKeyView>> ListAsync();

    [Alias("Get")]
    Task<WidgetKeyView?> GetAsync(string keyId);

    [Alias("Update")]
    Task<Result<WidgetKeyView>> UpdateAsync(string keyId, WidgetKeyInput input);

    /// <summary>Issues a new key value for the same id; the old value stops working at once.</summary>
    [Alias("Rotate")]
    Task<Result<WidgetKeyView>> RotateAsync(string keyId);

    [Alias("Revoke")]
    Task<Outcome> RevokeAsync(string keyId);

    /// <summary>Issues the key's identity secret (returned only here); the one it replaces keeps verifying for
    /// <see cref="IdentitySecret.Overlap"/>.</summary>
    [Alias("IssueIdentitySecret")]
    Task<Result<string>> IssueIdentitySecretAsync(string keyId);
}
