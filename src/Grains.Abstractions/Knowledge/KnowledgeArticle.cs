namespace Bob.Grains.Abstractions.Knowledge;

[GenerateSerializer, Immutable, Alias("bob.KnowledgeArticle")]
public sealed record KnowledgeArticle(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Content,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt);
