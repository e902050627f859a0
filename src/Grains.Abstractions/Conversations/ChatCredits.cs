namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.ChatCredits")]
public sealed record ChatCredits([property: Id(0)] int Used, [property: Id(1)] int Remaining);
