using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.ConversationView")]
public sealed record ConversationView(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] ChatChannel Channel,
    [property: Id(2)] string Status,
    [property: Id(3)] string? Title,
    [property: Id(4)] string? PersonaId,
    [property: Id(5)] string? TakenOverBy,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset LastMessageAt,
    [property: Id(8)] IReadOnlyList<TranscriptMessage> Messages,
    [property: Id(9)] VerifiedVisitor? Visitor = null,
    [property: Id(10)] ConversationFeedback? Feedback = null);
