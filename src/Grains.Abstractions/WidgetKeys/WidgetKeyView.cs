namespace Bob.Grains.Abstractions.WidgetKeys;

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
