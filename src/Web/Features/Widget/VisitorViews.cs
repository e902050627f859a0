using Bob.Grains.Abstractions.Chat;

namespace Bob.Web.Features.Widget;

/// <summary>What a widget visitor may see of a conversation: texts, roles, citations and times; never internal fields
/// (agent user ids, client message ids, credits).</summary>
public static class VisitorViews
{
    public static object History(ConversationView view) => new
    {
        session_id = view.ConversationId,
        view.Status,
        messages = view.Messages.Select(Message),
    };

    /// <summary>The live stream carries the human agent's and system messages only: the visitor's own turns and the
    /// assistant's answers reach the widget through its own requests.</summary>
    public static object? Event(ConversationEvent e) => e.Message is { Role: TranscriptRole.Agent or TranscriptRole.System } message
        ? new { e.Sequence, e.Type, session_id = e.ConversationId, e.Status, e.At, message = Message(message) }
        : null;

    private static object Message(TranscriptMessage message) => new
    {
        message_id = message.MessageId,
        seq = message.Seq,
        message.Role,
        message.Text,
        message.Citations,
        created_at = message.CreatedAt,
    };
}
