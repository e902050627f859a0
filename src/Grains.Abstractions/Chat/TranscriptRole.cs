namespace Bob.Grains.Abstractions.Chat;

[GenerateSerializer, Alias("bob.TranscriptRole")]
public enum TranscriptRole
{
    Visitor = 0,
    Assistant = 1,
    Agent = 2,
    System = 3,
}
