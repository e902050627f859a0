namespace Bob.Grains.Abstractions.Knowledge;

[GenerateSerializer, Immutable, Alias("bob.KnowledgeInput")]
public sealed record KnowledgeInput(
    [property: Id(0)] string Title,
    [property: Id(1)] string Content,
    [property: Id(2)] IReadOnlyList<string> Tags);
