namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Alias("bob.TranscriptRole")]
public enum TranscriptRole
{
    Visitor = 0,
    Assistant = 1,
    Agent = 2,
    System = 3,
}
