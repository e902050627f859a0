using System.Text.Json.Serialization;
using Bob.Grains.Abstractions.Conversations;

namespace Bob.Web.Features.Conversations;

/// <summary>A conversation without its messages (the answer to start, takeover and release).</summary>
public sealed record ConversationHeader(
    [property: JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    ChatChannel Channel,
    string Status,
    string? Title,
    string? PersonaId,
    string? TakenOverBy,
    DateTimeOffset StartedAt,
    DateTimeOffset LastMessageAt,
    int MessageCount);

public static class TranscriptViews
{
    public static ConversationHeader Summary(ConversationView view) =>
        new(view.ConversationId, view.Channel, view.Status, view.Title, view.PersonaId, view.TakenOverBy, view.StartedAt, view.LastMessageAt, view.Messages.Count);
}
