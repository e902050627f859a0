using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>The conversation a human was asked into; <see cref="VisitorToken"/> only when this request opened it.</summary>
[GenerateSerializer, Immutable, Alias("bob.HumanRequested")]
public sealed record HumanRequested(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] string Status,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VisitorToken);
