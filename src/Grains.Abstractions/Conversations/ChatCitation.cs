namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.ChatCitation")]
public sealed record ChatCitation([property: Id(0)] string Id, [property: Id(1)] string Title);
