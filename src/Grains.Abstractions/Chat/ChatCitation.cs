namespace Bob.Grains.Abstractions.Chat;

[GenerateSerializer, Immutable, Alias("bob.ChatCitation")]
public sealed record ChatCitation([property: Id(0)] string Id, [property: Id(1)] string Title);
