using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Chat;

/// <summary>Which of the three chat paths a conversation came in through.</summary>
[GenerateSerializer, Alias("bob.ChatChannel")]
public enum ChatChannel
{
    Public = 0,
    Widget = 1,
    Console = 2,
}

[GenerateSerializer, Alias("bob.TranscriptRole")]
public enum TranscriptRole
{
    Visitor = 0,
    Assistant = 1,
    Agent = 2,
    System = 3,
}

public static class ConversationStatus
{
    /// <summary>The assistant answers.</summary>
    public const string Assistant = "assistant";

    /// <summary>A human agent has taken over; the assistant stays silent.</summary>
    public const string Human = "human";

    /// <summary>The visitor asked for a human and none has taken over yet; the assistant stays silent.</summary>
    public const string Waiting = "waiting";

    /// <summary>True while the assistant must not answer (a human has, or was asked to take, the conversation).</summary>
    public static bool IsWithHumans(string? status) => status is Human or Waiting;

    public static readonly IReadOnlyList<string> All = [Assistant, Waiting, Human];
}

/// <summary>One visitor (or console user) turn sent to a conversation.</summary>
/// <param name="Visitor">The widget visitor's proof of ownership (see <see cref="VisitorAccess"/>).</param>
/// <param name="Tenant">The tenant's turn configuration as the caller read it for this very request (the widget route
/// reads it to refuse a suspended tenant), so the conversation need not ask again; null: the conversation reads it.</param>
[GenerateSerializer, Immutable, Alias("bob.ChatTurn")]
public sealed record ChatTurn(
    [property: Id(0)] ChatChannel Channel,
    [property: Id(1)] string Message,
    [property: Id(2)] string? ClientMessageId,
    [property: Id(3)] string? Author,
    [property: Id(4)] VisitorAccess? Visitor = null,
    [property: Id(5)] Identity.TenantTurnConfig? Tenant = null);

/// <summary>
/// How a widget visitor proves a conversation is theirs. The first widget turn of a session issues a visitor token
/// (stored only as its hash); reading the session always needs it, and so does every later turn of a session whose id
/// the server minted (<paramref name="ServerMinted"/>: the web front end chose the id because the request had none).
/// <paramref name="Verified"/>: the signed-in visitor the widget route verified; it owns the conversations it opens.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.VisitorAccess")]
public sealed record VisitorAccess(
    [property: Id(0)] string? Token,
    [property: Id(1)] bool ServerMinted,
    [property: Id(2)] VerifiedVisitor? Verified = null);

[GenerateSerializer, Immutable, Alias("bob.ChatPersona")]
public sealed record ChatPersona([property: Id(0)] string Id, [property: Id(1)] string Name);

[GenerateSerializer, Immutable, Alias("bob.ChatCitation")]
public sealed record ChatCitation([property: Id(0)] string Id, [property: Id(1)] string Title);

[GenerateSerializer, Immutable, Alias("bob.ChatCredits")]
public sealed record ChatCredits([property: Id(0)] int Used, [property: Id(1)] int Remaining);

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

/// <summary>A visitor's request for a human (the widget's "talk to a human"), optionally with the message that prompted it.</summary>
[GenerateSerializer, Immutable, Alias("bob.HumanRequest")]
public sealed record HumanRequest(
    [property: Id(0)] VisitorAccess Visitor,
    [property: Id(1)] string? Message,
    [property: Id(2)] string? ClientMessageId);

/// <summary>The conversation a human was asked into; <see cref="VisitorToken"/> only when this request opened it.</summary>
[GenerateSerializer, Immutable, Alias("bob.HumanRequested")]
public sealed record HumanRequested(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] string Status,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VisitorToken);

[GenerateSerializer, Immutable, Alias("bob.TranscriptMessage")]
public sealed record TranscriptMessage(
    [property: Id(0)] int Seq,
    [property: Id(1)] string MessageId,
    [property: Id(2)] TranscriptRole Role,
    [property: Id(3)] string Text,
    [property: Id(4)] string? Author,
    [property: Id(5)] IReadOnlyList<ChatCitation> Citations,
    [property: Id(6)] bool Handoff,
    [property: Id(7)] int Credits,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string? ClientMessageId);

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

[GenerateSerializer, Immutable, Alias("bob.SessionQuery")]
public sealed record ConversationQuery(
    [property: Id(0)] string? Status,
    [property: Id(1)] string? Text,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize);

[GenerateSerializer, Immutable, Alias("bob.SessionPage")]
public sealed record ConversationPage(
    [property: Id(0)] IReadOnlyList<ConversationSummary> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int Total);

public static class ConversationEventTypes
{
    public const string Message = "message";
    public const string Status = "status";
}

/// <summary>Something that happened in a conversation, as pushed to the widget and to Mission Control.</summary>
[GenerateSerializer, Immutable, Alias("bob.ConversationEvent")]
public sealed record ConversationEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Type,
    [property: Id(2), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(3)] TranscriptMessage? Message,
    [property: Id(4)] string? Status,
    [property: Id(5)] DateTimeOffset At);

/// <summary>A streamed reply: text deltas, then the full reply (or a failure instead).</summary>
[GenerateSerializer, Immutable, Alias("bob.ChatStreamItem")]
public sealed record ChatStreamItem(
    [property: Id(0)] string? Delta,
    [property: Id(1)] ChatReply? Done,
    [property: Id(2)] Common.Failure? Failure);

public static class ChatLimits
{
    public const int MessageMax = 4000;
    public const int HistoryTurns = 20;
}
