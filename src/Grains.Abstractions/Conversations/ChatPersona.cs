namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.ChatPersona")]
public sealed record ChatPersona([property: Id(0)] string Id, [property: Id(1)] string Name);
