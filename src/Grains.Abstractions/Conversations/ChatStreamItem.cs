namespace Bob.Grains.Abstractions.Conversations;

/// <summary>A streamed reply: text deltas, then the full reply (or a failure instead).</summary>
[GenerateSerializer, Immutable, Alias("bob.ChatStreamItem")]
public sealed record ChatStreamItem(
    [property: Id(0)] string? Delta,
    [property: Id(1)] ChatReply? Done,
    [property: Id(2)] Common.Failure? Failure);
