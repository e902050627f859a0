using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>The seed's reply object, the same on all three paths.</summary>
[GenerateSerializer, Immutable, Alias("bob.ChatReply")]
public sealed record ChatReply(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string Reply,
    [property: Id(3)] ChatPersona Persona,
    [property: Id(4)] IReadOnlyList<ChatCitation> Citations,
    [property: Id(5)] bool Handoff,
    [property: Id(6)] ChatCredits Credits,
    [property: Id(7)] string Status,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VisitorToken = null);
