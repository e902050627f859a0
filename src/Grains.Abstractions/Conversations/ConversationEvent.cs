using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>Something that happened in a conversation, as pushed to the widget and to Mission Control.</summary>
[GenerateSerializer, Immutable, Alias("bob.ConversationEvent")]
public sealed record ConversationEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Type,
    [property: Id(2), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(3)] TranscriptMessage? Message,
    [property: Id(4)] string? Status,
    [property: Id(5)] DateTimeOffset At);
