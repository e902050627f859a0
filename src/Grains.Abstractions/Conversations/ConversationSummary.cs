using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>One line of Mission Control's conversation list.</summary>
/// <remarks>Aliases keep the names these types were first published under: a rename must not change their wire identity.</remarks>
[GenerateSerializer, Immutable, Alias("bob.SessionSummary")]
public sealed record ConversationSummary(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] ChatChannel Channel,
    [property: Id(2)] string Status,
    [property: Id(3)] string? Title,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset LastMessageAt,
    [property: Id(6)] int MessageCount,
    [property: Id(7)] string LastPreview,
    [property: Id(8)] string? TakenOverBy,
    [property: Id(9)] VerifiedVisitor? Visitor = null);
