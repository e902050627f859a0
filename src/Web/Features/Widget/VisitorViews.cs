using System.Text.Json.Serialization;
using Bob.Grains.Abstractions.Conversations;

namespace Bob.Web.Features.Widget;

/// <summary>One message as a widget visitor sees it: never agent user ids, client message ids or credits.</summary>
public sealed record VisitorMessage(string MessageId, int Seq, TranscriptRole Role, string Text, IReadOnlyList<ChatCitation> Citations, DateTimeOffset CreatedAt);

/// <summary>The history a reloaded page shows.</summary>
public sealed record VisitorHistory(
    [property: JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    string Status,
    IReadOnlyList<VisitorMessage> Messages);

/// <summary>One event of the widget's live stream.</summary>
public sealed record VisitorEvent(
    long Sequence,
    string Type,
    [property: JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    string? Status,
    DateTimeOffset At,
    VisitorMessage Message);

/// <summary>What a widget visitor may see of a conversation.</summary>
public static class VisitorViews
{
    public static VisitorHistory History(ConversationView view) =>
        new(view.ConversationId, view.Status, [.. view.Messages.Select(Message)]);

    /// <summary>The live stream carries the human agent's and system messages only: the visitor's own turns and the
    /// assistant's answers reach the widget through its own requests.</summary>
    public static object? Event(ConversationEvent e) => e.Message is { Role: TranscriptRole.Agent or TranscriptRole.System } message
        ? new VisitorEvent(e.Sequence, e.Type, e.ConversationId, e.Status, e.At, Message(message))
        : null;

    private static VisitorMessage Message(TranscriptMessage message) =>
        new(message.MessageId, message.Seq, message.Role, message.Text, message.Citations, message.CreatedAt);
}
