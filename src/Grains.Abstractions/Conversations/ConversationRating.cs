using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

[GenerateSerializer, Immutable, Alias("bob.ConversationRating")]
public sealed record ConversationRating(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] int Score,
    [property: Id(2)] string? Comment,
    [property: Id(3)] DateTimeOffset CreatedAt);
