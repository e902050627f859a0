namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.SessionPage")]
public sealed record ConversationPage(
    [property: Id(0)] IReadOnlyList<ConversationSummary> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int Total);
