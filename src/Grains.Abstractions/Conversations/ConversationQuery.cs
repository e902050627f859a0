namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.SessionQuery")]
public sealed record ConversationQuery(
    [property: Id(0)] string? Status,
    [property: Id(1)] string? Text,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize);
