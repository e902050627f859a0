using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <param name="Appearance">When given, replaces the key's appearance as a whole; null leaves it as it is.</param>
/// <param name="RequireIdentity">When given, whether widget turns need a signed-in visitor; null leaves it as it is.</param>
[GenerateSerializer, Immutable, Alias("bob.WidgetKeyInput")]
public sealed record WidgetKeyInput(
    [property: Id(0)] string? Name,
    [property: Id(1)] IReadOnlyList<string>? AllowedOrigins,
    [property: Id(2)] WidgetAppearance? Appearance = null,
    [property: Id(3)] bool? RequireIdentity = null);

/// <summary>
/// How the widget looks on the sites that embed one key: the name in its header (null: the active persona's), the
/// greeting (null: "Hi! I'm {name}…"), the primary colour (<c>#rrggbb</c>; Bob picks a readable text colour for it)
/// and the corner (<c>bottom-right</c> or <c>bottom-left</c>; a script tag's <c>data-position</c> overrides it).
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.WidgetAppearance")]
public sealed record WidgetAppearance(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] string? Greeting,
    [property: Id(2)] string PrimaryColor,
    [property: Id(3)] string Position)
{
    public const string DefaultPrimaryColor = "#4f46e5";
    public const string BottomRight = "bottom-right";
    public const string BottomLeft = "bottom-left";
    public const int DisplayNameMax = 40;
    public const int GreetingMax = 300;

    public static readonly WidgetAppearance Default = new(null, null, DefaultPrimaryColor, BottomRight);
}

[GenerateSerializer, Immutable, Alias("bob.WidgetKeyView")]
public sealed record WidgetKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Key,
    [property: Id(3)] IReadOnlyList<string> AllowedOrigins,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? RotatedAt,
    [property: Id(6)] WidgetAppearance? Appearance = null,
    [property: Id(7)] bool RequireIdentity = false,
    [property: Id(8)] DateTimeOffset? IdentitySecretIssuedAt = null);

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
