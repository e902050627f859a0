namespace Bob.Grains.Abstractions.WidgetKeys;

/// <param name="Appearance">When given, replaces the key's appearance as a whole; null leaves it as it is.</param>
/// <param name="RequireIdentity">When given, whether widget turns need a signed-in visitor; null leaves it as it is.</param>
[GenerateSerializer, Immutable, Alias("bob.WidgetKeyInput")]
public sealed record WidgetKeyInput(
    [property: Id(0)] string? Name,
    [property: Id(1)] IReadOnlyList<string>? AllowedOrigins,
    [property: Id(2)] WidgetAppearance? Appearance = null,
    [property: Id(3)] bool? RequireIdentity = null);
