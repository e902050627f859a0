using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>The rating in force for one answer (the latest one the visitor gave).</summary>
[GenerateSerializer, Immutable, Alias("bob.MessageFeedback")]
public sealed record MessageFeedback(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string Rating,
    [property: Id(3)] string? Comment,
    [property: Id(4)] DateTimeOffset CreatedAt);
