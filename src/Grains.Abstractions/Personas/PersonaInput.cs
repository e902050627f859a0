namespace Bob.Grains.Abstractions.Personas;

[GenerateSerializer, Immutable, Alias("bob.PersonaInput")]
public sealed record PersonaInput(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] string Tone,
    [property: Id(3)] string SystemPrompt);
