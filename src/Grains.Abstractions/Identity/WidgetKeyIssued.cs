namespace Bob.Grains.Abstractions.Identity;

[GenerateSerializer, Immutable, Alias("bob.WidgetKeyIssued")]
public sealed record WidgetKeyIssued(
    [property: Id(0)] string Id,
    [property: Id(1)] string Key,
    [property: Id(2)] IReadOnlyList<string> AllowedOrigins);
