namespace Bob.Grains.Abstractions.Personas;

[GenerateSerializer, Immutable, Alias("bob.PersonaView")]
public sealed record PersonaView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] string Tone,
    [property: Id(4)] string SystemPrompt,
    [property: Id(5)] int Version,
    [property: Id(6)] bool Active,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt);
