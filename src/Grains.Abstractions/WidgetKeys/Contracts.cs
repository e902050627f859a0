using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.WidgetKeys;

[GenerateSerializer, Immutable, Alias("bob.WidgetKeyInput")]
public sealed record WidgetKeyInput(
    [property: Id(0)] string? Name,
    [property: Id(1)] IReadOnlyList<string>? AllowedOrigins);

[GenerateSerializer, Immutable, Alias("bob.WidgetKeyView")]
public sealed record WidgetKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Key,
    [property: Id(3)] IReadOnlyList<string> AllowedOrigins,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? RotatedAt);

/// <summary>What a live widget key grants: the tenant it speaks for and where it may be embedded.</summary>
[GenerateSerializer, Immutable, Alias("bob.WidgetKeyBinding")]
public sealed record WidgetKeyBinding(
    [property: Id(0)] TenantId Tenant,
    [property: Id(1)] string KeyId,
    [property: Id(2)] IReadOnlyList<string> AllowedOrigins);
