using Bob.Grains.Abstractions.Chat;

namespace Bob.Web.Features.Chat;

public static class TranscriptViews
{
    /// <summary>A conversation without its messages (for start, takeover and release answers).</summary>
    public static object Summary(ConversationView view) => new
    {
        session_id = view.ConversationId,
        view.Channel,
        view.Status,
        view.Title,
        persona_id = view.PersonaId,
        taken_over_by = view.TakenOverBy,
        started_at = view.StartedAt,
        last_message_at = view.LastMessageAt,
        message_count = view.Messages.Count,
    };
}
