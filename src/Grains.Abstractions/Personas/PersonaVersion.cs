namespace Bob.Grains.Abstractions.Personas;

[GenerateSerializer, Immutable, Alias("bob.PersonaVersion")]
public sealed record PersonaVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] PersonaInput Content,
    [property: Id(2)] DateTimeOffset CreatedAt);
