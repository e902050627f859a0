using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

/// <summary>
/// One conversation as its grain holds it in memory: the summary row and the messages in sequence.
/// Every change is first described (<see cref="TranscriptChange"/>: new messages with their seq numbers, the summary
/// row as it will read), appended durably by the grain, and only then <see cref="Apply"/>-ed here, so this never
/// holds what the database does not. Plain class: no Orleans, no I/O.
/// </summary>
public sealed class Transcript
{
    public const int PreviewLength = 140;

    private const string AgentJoined = "A human agent has joined the conversation.";
    private const string AssistantBack = "The assistant is answering again.";
    private const string HumanAsked = "A person from the team was asked to join; they will reply here.";

    private readonly List<TranscriptMessage> _messages;
    private readonly TimeProvider _time;

    public Transcript(TenantId tenant, ConversationId id, ConversationRow? row, IEnumerable<TranscriptMessage> messages, TimeProvider time)
    {
        Tenant = tenant;
        Id = id;
        Row = row;
        _messages = [.. messages];
        _time = time;
        Count(_messages);
    }

    public TenantId Tenant { get; }

    public ConversationId Id { get; }

    /// <summary>The summary row; null until the conversation's first durable change.</summary>
    public ConversationRow? Row { get; private set; }

    public IReadOnlyList<TranscriptMessage> Messages => _messages;

    public bool Exists => Row is not null;

    public int LastSeq => _messages.Count == 0 ? 0 : _messages[^1].Seq;

    /// <summary>The visitor's messages so far, counted as they are applied (<see cref="ConversationCaps"/>).</summary>
    public int VisitorTurns { get; private set; }

    /// <summary>UTF-8 bytes of every message's text so far (<see cref="ConversationCaps"/>).</summary>
    public long StoredBytes { get; private set; }

    /// <summary>A human agent has taken the conversation over, or the visitor asked for one: the assistant stays silent.</summary>
    public bool HumanHasIt => ConversationStatus.IsWithHumans(Row?.Status);

    /// <summary>This turn would open a visitor's (widget or public) conversation, which issues its visitor's token,
    /// whoever chose the id.</summary>
    public bool OpensVisitorConversation(ChatChannel channel) => Row is null && VisitorOwnership.IsVisitors(channel);

    /// <summary>
    /// Why a visitor may not continue this conversation, or null: every turn after the first needs the visitor token
    /// the first turn issued, whoever chose the id (knowing an id and the public key is never enough).
    /// </summary>
    public Failure? VisitorRefusal(VisitorAccess? visitor) =>
        Row is null || !VisitorOwnership.IsVisitors(Row.Channel) ? null : VisitorOwnership.Refusal(Row, visitor?.Token, visitor?.Verified?.UserId);

    /// <summary>The conversation as its visitor may read it: only with the token its first turn issued, or as the
    /// signed-in visitor who opened it (<paramref name="verifiedUserId"/>, verified by the widget route).</summary>
    public Result<ConversationView> VisitorView(string? visitorToken, string? verifiedUserId = null) =>
        Row is null || !VisitorOwnership.IsVisitors(Row.Channel) ? Failure.NotFound("Conversation")
        : VisitorOwnership.Refusal(Row, visitorToken, verifiedUserId) is { } refused ? refused
        : View();

    /// <summary>Conversations belong to the path that opened them; another path sees no such conversation.</summary>
    public bool BelongsTo(ChatChannel channel) => Row is null || Row.Channel == channel;

    /// <summary>The visitor's earlier turn sent with <paramref name="clientMessageId"/>, for an idempotent replay.</summary>
    public EarlierTurn? EarlierTurn(string clientMessageId)
    {
        var visitor = _messages.Find(m => m.ClientMessageId == clientMessageId && m.Role == TranscriptRole.Visitor);
        return visitor is null
            ? null
            : new EarlierTurn(Id, visitor, _messages.Find(m => m.Seq == visitor.Seq + 1 && m.Role == TranscriptRole.Assistant));
    }

    /// <summary>An agent's earlier message sent with <paramref name="clientMessageId"/> (agents and visitors have separate id spaces).</summary>
    public TranscriptMessage? EarlierAgentMessage(string clientMessageId) =>
        _messages.Find(m => m.ClientMessageId == clientMessageId && m.Role == TranscriptRole.Agent);

    /// <summary>Opens the conversation explicitly, with no message yet.</summary>
    public TranscriptChange Start(ChatChannel channel, string? title, string? personaId)
    {
        var now = _time.GetUtcNow();
        return Change(new ConversationRow(Tenant, Id, channel, ConversationStatus.Assistant, title?.Trim(), personaId, null, now, now, 0, ""), []);
    }

    /// <summary>A visitor's message while a human has the conversation: recorded, not answered.</summary>
    public TranscriptChange SilentTurn(ChatTurn turn, ChatPersona persona)
    {
        var visitor = VisitorMessage(turn);
        return Change(RowForTurn(turn, persona, visitor, null), [visitor]);
    }

    /// <summary>A visitor's message and the assistant's answer, appended together; <paramref name="issuedVisitorToken"/>
    /// when this turn opens a widget conversation (only its hash is kept).</summary>
    public TranscriptChange AnsweredTurn(ChatTurn turn, ChatPersona persona, string text, IReadOnlyList<ChatCitation> citations, bool handoff, int credits,
        string? issuedVisitorToken = null)
    {
        var visitor = VisitorMessage(turn);
        var answer = NewMessage(TranscriptRole.Assistant, text, persona.Name, 1, citations: citations, handoff: handoff, credits: credits);
        return Change(RowForTurn(turn, persona, answer, issuedVisitorToken), [visitor, answer]);
    }

    /// <summary>A visitor's message naming a handoff keyword: recorded, with the line saying a person was asked, and the
    /// conversation waits for a human (as after "talk to a human"); <paramref name="issuedVisitorToken"/> when it opens a widget conversation.</summary>
    public TranscriptChange HandedOffTurn(ChatTurn turn, ChatPersona persona, string? issuedVisitorToken)
    {
        var visitor = VisitorMessage(turn);
        var asked = NewMessage(TranscriptRole.System, HumanAsked, null, 1);
        return Change(RowForTurn(turn, persona, visitor, issuedVisitorToken) with { Status = ConversationStatus.Waiting }, [visitor, asked]);
    }

    /// <summary>
    /// The widget visitor asks for a human: the conversation (opened now when new, with <paramref name="issuedVisitorToken"/>)
    /// waits for an agent, with the visitor's message unless it is already here; null when there is nothing to append.
    /// </summary>
    public TranscriptChange? RequestHuman(HumanRequest request, string? issuedVisitorToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        var row = Row ?? new ConversationRow(Tenant, Id, ChatChannel.Widget, ConversationStatus.Assistant, null, null, null, now, now, 0, "",
            issuedVisitorToken is null ? null : VisitorTokens.Hash(issuedVisitorToken), request.Visitor.ServerMinted, request.Visitor.Verified);
        var messages = new List<TranscriptMessage>();
        if (request.Message is not null && (request.ClientMessageId is null || EarlierTurn(request.ClientMessageId) is null))
        {
            messages.Add(NewMessage(TranscriptRole.Visitor, request.Message.Trim(), null, 0, request.ClientMessageId));
        }
        if (row.Status == ConversationStatus.Assistant)
        {
            messages.Add(NewMessage(TranscriptRole.System, HumanAsked, null, messages.Count));
            row = row with { Status = ConversationStatus.Waiting };
        }
        return messages.Count == 0 ? null : Change(row, messages);
    }

    /// <summary>A human agent takes over; null when this agent already has it (nothing to append).</summary>
    public TranscriptChange? Takeover(string agentUserId) =>
        HasIt(agentUserId) ? null : Change(Row! with { Status = ConversationStatus.Human, TakenOverBy = agentUserId }, [NewMessage(TranscriptRole.System, AgentJoined, null, 0)]);

    public TranscriptChange Release() =>
        Change(Row! with { Status = ConversationStatus.Assistant, TakenOverBy = null }, [NewMessage(TranscriptRole.System, AssistantBack, null, 0)]);

    /// <summary>An agent's message; it takes the conversation over first if this agent did not have it.</summary>
    public TranscriptChange AgentReply(string agentUserId, string text, string? clientMessageId)
    {
        var messages = new List<TranscriptMessage>();
        if (!HasIt(agentUserId))
        {
            messages.Add(NewMessage(TranscriptRole.System, AgentJoined, null, 0));
        }
        messages.Add(NewMessage(TranscriptRole.Agent, text.Trim(), agentUserId, messages.Count, clientMessageId));
        return Change(Row! with { Status = ConversationStatus.Human, TakenOverBy = agentUserId }, messages);
    }

    /// <summary>Takes a change in once it is durable.</summary>
    public void Apply(TranscriptChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Row = change.Row;
        _messages.AddRange(change.Messages);
        Count(change.Messages);
    }

    private void Count(IEnumerable<TranscriptMessage> messages)
    {
        foreach (var message in messages)
        {
            VisitorTurns += message.Role == TranscriptRole.Visitor ? 1 : 0;
            StoredBytes += System.Text.Encoding.UTF8.GetByteCount(message.Text);
        }
    }

    public IReadOnlyList<ConversationEvent> EventsAfter(long sequence)
    {
        var status = Row?.Status ?? ConversationStatus.Assistant;
        return [.. _messages.Where(m => m.Seq > sequence).Select(m => Event(m, status))];
    }

    public ConversationEvent Event(TranscriptMessage message, string status) =>
        new(message.Seq, ConversationEventTypes.Message, Id, message, status, message.CreatedAt);

    public ConversationView View() =>
        new(Id, Row!.Channel, Row.Status, Row.Title, Row.PersonaId, Row.TakenOverBy, Row.StartedAt, Row.LastMessageAt, [.. _messages], Row.Visitor);

    /// <summary>The first characters of a message, never cutting a surrogate pair in half (a lone surrogate cannot be stored as UTF-8).</summary>
    public static string Preview(string text)
    {
        if (text.Length <= PreviewLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[PreviewLength - 1]) ? PreviewLength - 1 : PreviewLength;
        return text[..cut] + "…";
    }

    private bool HasIt(string agentUserId) => Row!.Status == ConversationStatus.Human && Row.TakenOverBy == agentUserId;

    private TranscriptMessage VisitorMessage(ChatTurn turn) =>
        NewMessage(TranscriptRole.Visitor, turn.Message.Trim(), turn.Author, 0, turn.ClientMessageId);

    private ConversationRow RowForTurn(ChatTurn turn, ChatPersona persona, TranscriptMessage first, string? issuedVisitorToken)
    {
        var row = Row ?? new ConversationRow(Tenant, Id, turn.Channel, ConversationStatus.Assistant, null, null, null, first.CreatedAt, first.CreatedAt, 0, "",
            issuedVisitorToken is null ? null : VisitorTokens.Hash(issuedVisitorToken), turn.Visitor?.ServerMinted ?? false, turn.Visitor?.Verified);
        return row with { PersonaId = persona.Id };
    }

    /// <summary>The summary's count, preview and time are derived here from the messages, in one place.</summary>
    private TranscriptChange Change(ConversationRow row, IReadOnlyList<TranscriptMessage> messages) =>
        new(messages.Count == 0
            ? row
            : row with { LastPreview = Preview(messages[^1].Text), LastMessageAt = messages[^1].CreatedAt, MessageCount = _messages.Count + messages.Count },
            messages);

    /// <summary>Text is made storable here (<see cref="StorableText"/>), so what the grain remembers is what the store keeps,
    /// even when a persona or article stored before the rule carries a NUL.</summary>
    private TranscriptMessage NewMessage(TranscriptRole role, string text, string? author, int offset, string? clientMessageId = null,
        IReadOnlyList<ChatCitation>? citations = null, bool handoff = false, int credits = 0) =>
        new(LastSeq + 1 + offset, Ids.New(IdPrefixes.Message), role, StorableText.Clean(text), StorableText.CleanOrNull(author),
            Cleaned(citations), handoff, credits, _time.GetUtcNow(), clientMessageId);

    /// <summary>A right-sized array, and the shared empty one for a message without citations: a message lives as long as its
    /// activation, and a spread into a read-only list would keep a list, its wrapper and spare room per message.</summary>
    private static ChatCitation[] Cleaned(IReadOnlyList<ChatCitation>? citations) =>
        citations is null or { Count: 0 } ? [] : [.. citations.Select(c => new ChatCitation(StorableText.Clean(c.Id), StorableText.Clean(c.Title)))];
}
