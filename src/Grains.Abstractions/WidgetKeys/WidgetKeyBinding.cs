using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>What a live widget key grants: the tenant it speaks for and where it may be embedded. The key's identity
/// secrets are bound sealed (<see cref="SealedIdentitySecrets"/>, as its grain stores them); an authorization answers them
/// opened (<see cref="IdentitySecrets"/>, never stored), so the widget route verifies a visitor without another call.</summary>
[GenerateSerializer, Immutable, Alias("bob.WidgetKeyBinding")]
public sealed record WidgetKeyBinding(
    [property: Id(0)] TenantId Tenant,
    [property: Id(1)] string KeyId,
    [property: Id(2)] IReadOnlyList<string> AllowedOrigins,
    [property: Id(3)] WidgetAppearance? Appearance = null,
    [property: Id(4)] bool RequireIdentity = false,
    [property: Id(5)] IReadOnlyList<IdentitySecret>? SealedIdentitySecrets = null,
    [property: Id(6)] IReadOnlyList<IdentitySecret>? IdentitySecrets = null);
