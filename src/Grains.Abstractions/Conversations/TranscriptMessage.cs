namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.TranscriptMessage")]
public sealed record TranscriptMessage(
    [property: Id(0)] int Seq,
    [property: Id(1)] string MessageId,
    [property: Id(2)] TranscriptRole Role,
    [property: Id(3)] string Text,
    [property: Id(4)] string? Author,
    [property: Id(5)] IReadOnlyList<ChatCitation> Citations,
    [property: Id(6)] bool Handoff,
    [property: Id(7)] int Credits,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string? ClientMessageId);
