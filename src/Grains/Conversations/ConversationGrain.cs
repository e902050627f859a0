using System.Runtime.CompilerServices;
using Bob.Assistant.Safety;
using Bob.Assistant;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Knowledge;

namespace Bob.Grains.Conversations;

/// <summary>
/// The transcript lives in PostgreSQL as appended rows (<see cref="TranscriptWriter"/>); this activation keeps a
/// copy in memory and changes it only after the append is durable, so a failed write leaves nothing half-done.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives exactly as long as the activation.")]
public sealed class ConversationGrain(
    TranscriptStore store,
    TranscriptWriter writer,
    KnowledgeIndexCache knowledgeIndexes,
    IAssistantEngineSelector engines,
    TimeProvider time) : Grain, IConversationGrain
{
    private ConversationRow? _row;
    private List<TranscriptMessage> _messages = [];
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _mustReload;

    /// <summary>
    /// One change at a time, from check to durable append. The grain is not reentrant, but a streamed turn runs in
    /// Orleans' async-enumerable pump, which interleaves with other calls: without this, two turns could read the
    /// same last seq (primary-key violation) or both miss each other's client message id (a duplicate answer).
    /// </summary>
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Bounds the wait behind another change (e.g. a stream whose reader vanished) so a caller gets a 503, not a hang.</summary>
    private static readonly TimeSpan TurnLockWait = TimeSpan.FromSeconds(25);

    private TenantId Tenant { get; set; }

    private string SessionId { get; set; } = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (Tenant, SessionId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        (_row, _messages) = await store.LoadAsync(Tenant, SessionId);
    }

    public Task<Result<ConversationView>> StartAsync(ChatChannel channel, string? personaId, string? title, string? startedBy) => OneAtATimeAsync(() => StartCoreAsync(channel, personaId, title, startedBy));

    private async Task<Result<ConversationView>> StartCoreAsync(ChatChannel channel, string? personaId, string? title, string? startedBy)
    {
        if (_row is not null)
        {
            return new Failure(FailureCodes.Conflict, "This session already exists.");
        }
        if (personaId is not null && await Personas().GetAsync(personaId) is null)
        {
            return Failure.Validation("persona_id", "No persona with this id.");
        }
        var now = time.GetUtcNow();
        await CommitAsync(new ConversationRow(Tenant, SessionId, channel, ConversationStatus.Assistant, title?.Trim(), personaId, null, now, now, 0, ""), []);
        return View();
    }

    public Task<Result<ChatReply>> SendAsync(ChatTurn turn) => OneAtATimeAsync(() => SendCoreAsync(turn));

    private async Task<Result<ChatReply>> SendCoreAsync(ChatTurn turn)
    {
        var prepared = await PrepareTurnAsync(turn);
        if (prepared.Failure is not null || prepared.Value!.Replay is not null)
        {
            return prepared.Failure is not null ? prepared.Failure : prepared.Value!.Replay!;
        }
        var context = prepared.Value;
        if (context.Request is null)
        {
            return await CommitSilentTurnAsync(context);
        }
        var reply = await context.Engine!.ReplyAsync(context.Request, CancellationToken.None);
        return await CommitAnsweredTurnAsync(context, reply);
    }

    public async IAsyncEnumerable<ChatStreamItem> StreamAsync(ChatTurn turn)
    {
        if (!await _changes.WaitAsync(TurnLockWait))
        {
            yield return new ChatStreamItem(null, null, Busy());
            yield break;
        }
        try
        {
            await ReloadIfStaleAsync();
            await foreach (var item in StreamCoreAsync(turn))
            {
                yield return item;
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    private async Task<Result<T>> OneAtATimeAsync<T>(Func<Task<Result<T>>> change)
    {
        if (!await _changes.WaitAsync(TurnLockWait))
        {
            return Busy();
        }
        try
        {
            await ReloadIfStaleAsync();
            return await change();
        }
        finally
        {
            _changes.Release();
        }
    }

    private async IAsyncEnumerable<ChatStreamItem> StreamCoreAsync(ChatTurn turn)
    {
        var prepared = await PrepareTurnAsync(turn);
        if (prepared.Failure is not null || prepared.Value!.Replay is not null)
        {
            yield return new ChatStreamItem(prepared.Value?.Replay?.Reply, prepared.Value?.Replay, prepared.Failure);
            yield break;
        }
        var context = prepared.Value;
        if (context.Request is null)
        {
            var silent = await CommitSilentTurnAsync(context);
            yield return new ChatStreamItem(null, silent.Value, silent.Failure);
            yield break;
        }
        AssistantReply? final = null;
        await foreach (var update in context.Engine!.StreamAsync(context.Request, CancellationToken.None))
        {
            if (update.Final is not null)
            {
                final = update.Final;
            }
            else if (!string.IsNullOrEmpty(update.Delta))
            {
                yield return new ChatStreamItem(update.Delta, null, null);
            }
        }
        var committed = await CommitAnsweredTurnAsync(context, final!);
        yield return new ChatStreamItem(null, committed.Value, committed.Failure);
    }

    public async Task<ConversationView?> GetAsync()
    {
        if (_mustReload)
        {
            await OneAtATimeAsync(() => Task.FromResult<Result<bool>>(true));
        }
        return _row is null ? null : View();
    }

    public Task<Result<ConversationView>> TakeoverAsync(string agentUserId) => OneAtATimeAsync(() => TakeoverCoreAsync(agentUserId));

    private async Task<Result<ConversationView>> TakeoverCoreAsync(string agentUserId)
    {
        if (_row is null)
        {
            return Failure.NotFound("Conversation");
        }
        if (_row.Status != ConversationStatus.Human || _row.TakenOverBy != agentUserId)
        {
            await CommitAsync(_row with { Status = ConversationStatus.Human, TakenOverBy = agentUserId },
                [NewMessage(TranscriptRole.System, "A human agent has joined the conversation.", null, 0)]);
        }
        return View();
    }

    public Task<Result<ConversationView>> ReleaseAsync(string agentUserId) => OneAtATimeAsync(() => ReleaseCoreAsync(agentUserId));

    private async Task<Result<ConversationView>> ReleaseCoreAsync(string agentUserId)
    {
        if (_row is null)
        {
            return Failure.NotFound("Conversation");
        }
        if (_row.Status != ConversationStatus.Human)
        {
            return new Failure(FailureCodes.SessionNotTakenOver, "No human agent has taken this conversation over.");
        }
        await CommitAsync(_row with { Status = ConversationStatus.Assistant, TakenOverBy = null },
            [NewMessage(TranscriptRole.System, "The assistant is answering again.", null, 0)]);
        return View();
    }

    public Task<Result<TranscriptMessage>> AgentReplyAsync(string agentUserId, string text, string? clientMessageId) => OneAtATimeAsync(() => AgentReplyCoreAsync(agentUserId, text, clientMessageId));

    private async Task<Result<TranscriptMessage>> AgentReplyCoreAsync(string agentUserId, string text, string? clientMessageId)
    {
        if (_row is null)
        {
            return Failure.NotFound("Conversation");
        }
        if (ChatText.Problem(text) is { } invalid)
        {
            return invalid;
        }
        if (clientMessageId is not null && _messages.Find(m => m.ClientMessageId == clientMessageId && m.Role == TranscriptRole.Agent) is { } earlier)
        {
            return earlier;
        }
        var messages = new List<TranscriptMessage>();
        if (_row.Status != ConversationStatus.Human || _row.TakenOverBy != agentUserId)
        {
            messages.Add(NewMessage(TranscriptRole.System, "A human agent has joined the conversation.", null, 0));
        }
        var agentMessage = NewMessage(TranscriptRole.Agent, text.Trim(), agentUserId, messages.Count, clientMessageId);
        messages.Add(agentMessage);
        await CommitAsync(_row with { Status = ConversationStatus.Human, TakenOverBy = agentUserId }, messages);
        return agentMessage;
    }

    public async Task<IReadOnlyList<ConversationEvent>> WaitForEventsAsync(long afterSequence, TimeSpan maxWait)
    {
        if (LastSeq() <= afterSequence)
        {
            await Task.WhenAny(_appended.Task, Task.Delay(maxWait));
        }
        var status = _row?.Status ?? ConversationStatus.Assistant;
        return [.. _messages.Where(m => m.Seq > afterSequence).Select(m => Event(m, status))];
    }

    private async Task<Result<TurnContext>> PrepareTurnAsync(ChatTurn turn)
    {
        if (ChatText.Problem(turn.Message) is { } invalid)
        {
            return invalid;
        }
        if (_row is not null && _row.Channel != turn.Channel)
        {
            // Sessions belong to the path that opened them; another path sees no such session.
            return Failure.NotFound("Conversation");
        }
        var settings = await GrainFactory.GetGrain<ITenantGrain>(Tenant.Value).GetSettingsAsync();
        if (settings is null || (turn.Channel == ChatChannel.Public && !settings.PublicChat))
        {
            return new Failure(FailureCodes.PublicChatDisabled, "This business does not answer public chat.");
        }
        if (settings.Suspended)
        {
            return new Failure(FailureCodes.TenantSuspended, "This business's assistant is suspended.");
        }
        var persona = await Personas().GetSpeakerAsync(_row?.PersonaId);
        var chatPersona = new ChatPersona(persona.Id, StorableText.Clean(persona.Name));
        if (turn.ClientMessageId is not null && await ReplayAsync(turn.ClientMessageId, chatPersona) is { } replay)
        {
            return new TurnContext(turn, chatPersona, null, null, replay);
        }
        if (_row?.Status == ConversationStatus.Human)
        {
            return new TurnContext(turn, chatPersona, null, null, null);
        }
        if ((await Meter().BalanceAsync()).Remaining <= 0)
        {
            return new Failure(FailureCodes.CreditsExhausted, "This business has used its AI credits for the month; a human can still help.");
        }
        var knowledge = await knowledgeIndexes.GetAsync(Tenant.Value, GrainFactory.GetGrain<IKnowledgeBaseGrain>(Tenant.Value));
        var request = new AssistantRequest(Tenant.Value, new PersonaProfile(persona.Id, persona.Name, persona.Tone, persona.SystemPrompt),
            History(), turn.Message.Trim(), knowledge, AssistantPolicy.None);
        return new TurnContext(turn, chatPersona, request, engines.ForTenant(settings.AssistantEngine), null);
    }

    private async Task<Result<ChatReply>> CommitSilentTurnAsync(TurnContext context)
    {
        var visitor = NewMessage(TranscriptRole.Visitor, context.Turn.Message.Trim(), context.Turn.Author, 0, context.Turn.ClientMessageId);
        await CommitAsync(RowFor(context, visitor), [visitor]);
        return new ChatReply(SessionId, visitor.MessageId, "", context.Persona, [], true, await Meter().BalanceAsync(), ConversationStatus.Human);
    }

    private async Task<Result<ChatReply>> CommitAnsweredTurnAsync(TurnContext context, AssistantReply reply)
    {
        var citations = reply.Citations.Select(c => new ChatCitation(c.Id, c.Title)).ToList();
        var visitor = NewMessage(TranscriptRole.Visitor, context.Turn.Message.Trim(), context.Turn.Author, 0, context.Turn.ClientMessageId);
        var answer = NewMessage(TranscriptRole.Assistant, reply.Text, context.Persona.Name, 1, citations: citations, handoff: reply.Handoff, credits: reply.CreditsCost);
        var transaction = await CommitAsync(RowFor(context, answer), [visitor, answer]);
        // Charged only once the answer (and its cost) is durable: a failed write costs nothing. An answer stored behind a
        // lost acknowledgement has no transaction id to charge with: the meter recounts the log instead.
        var credits = reply.CreditsCost == 0 ? await Meter().BalanceAsync()
            : transaction is { } committed ? await Meter().ChargeAsync(reply.CreditsCost, committed)
            : await Meter().ReconcileAsync();
        return new ChatReply(SessionId, answer.MessageId, answer.Text, context.Persona, answer.Citations, reply.Handoff, credits, ConversationStatus.Assistant);
    }

    private async Task<ChatReply?> ReplayAsync(string clientMessageId, ChatPersona persona)
    {
        var visitor = _messages.Find(m => m.ClientMessageId == clientMessageId && m.Role == TranscriptRole.Visitor);
        if (visitor is null)
        {
            return null;
        }
        var answer = _messages.Find(m => m.Seq == visitor.Seq + 1 && m.Role == TranscriptRole.Assistant);
        var credits = await Meter().BalanceAsync();
        return answer is null
            ? new ChatReply(SessionId, visitor.MessageId, "", persona, [], true, credits, ConversationStatus.Human)
            : new ChatReply(SessionId, answer.MessageId, answer.Text, persona with { Name = answer.Author ?? persona.Name }, answer.Citations, answer.Handoff, credits, ConversationStatus.Assistant);
    }

    private ConversationRow RowFor(TurnContext context, TranscriptMessage first) =>
        (_row ?? new ConversationRow(Tenant, SessionId, context.Turn.Channel, ConversationStatus.Assistant, null, null, null, first.CreatedAt, first.CreatedAt, 0, ""))
        with { PersonaId = context.Persona.Id };

    /// <summary>Appends durably, then (only then) updates memory, wakes waiting readers and tells Mission Control.
    /// The summary's count, preview and time are derived here from the messages, in one place. Returns the committing
    /// transaction's id, or null when the write seemed to fail but the store has it (its acknowledgement was lost).</summary>
    private async Task<ulong?> CommitAsync(ConversationRow row, IReadOnlyList<TranscriptMessage> messages)
    {
        if (messages.Count > 0)
        {
            row = row with { LastPreview = ChatText.Preview(messages[^1].Text), LastMessageAt = messages[^1].CreatedAt, MessageCount = _messages.Count + messages.Count };
        }
        ulong? transaction = null;
        try
        {
            transaction = await writer.AppendAsync(row, messages);
            _row = row;
            _messages.AddRange(messages);
        }
        catch (Exception failure)
        {
            if (!await LandedAfterAllAsync(messages))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
        }
        var appended = _appended;
        _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        appended.TrySetResult();
        var feed = GrainFactory.GetGrain<ITenantFeedGrain>(Tenant.Value);
        foreach (var message in messages)
        {
            await feed.PublishAsync(Event(message, row.Status));
        }
        return transaction;
    }

    /// <summary>
    /// After a failed write memory may disagree with the store (the commit can reach PostgreSQL while its acknowledgement
    /// is lost), so the store decides: reload, and report whether the write landed after all. Until a reload succeeds,
    /// every call reloads first, so a retry with the same client_message_id finds the turn and replays it.
    /// </summary>
    private async Task<bool> LandedAfterAllAsync(IReadOnlyList<TranscriptMessage> messages)
    {
        _mustReload = true;
        try
        {
            await ReloadIfStaleAsync();
        }
        catch (Exception)
        {
            return false;
        }
        return messages.Count == 0 ? _row is not null : messages.All(m => _messages.Exists(stored => stored.MessageId == m.MessageId));
    }

    private async Task ReloadIfStaleAsync()
    {
        if (_mustReload)
        {
            (_row, _messages) = await store.LoadAsync(Tenant, SessionId);
            _mustReload = false;
        }
    }

    /// <summary>Text is made storable here (<see cref="StorableText"/>), so what this activation remembers is what the store keeps,
    /// even when a persona or article stored before the rule carries a NUL.</summary>
    private TranscriptMessage NewMessage(TranscriptRole role, string text, string? author, int offset, string? clientMessageId = null,
        IReadOnlyList<ChatCitation>? citations = null, bool handoff = false, int credits = 0) =>
        new(LastSeq() + 1 + offset, Ids.New("msg_"), role, StorableText.Clean(text), StorableText.CleanOrNull(author),
            [.. (citations ?? []).Select(c => new ChatCitation(StorableText.Clean(c.Id), StorableText.Clean(c.Title)))], handoff, credits, time.GetUtcNow(), clientMessageId);

    private int LastSeq() => _messages.Count == 0 ? 0 : _messages[^1].Seq;

    private List<ConversationTurn> History() =>
        [.. _messages.TakeLast(ChatLimits.HistoryTurns).Select(m => new ConversationTurn(m.Role switch
        {
            TranscriptRole.Visitor => TurnRole.Visitor,
            TranscriptRole.Assistant => TurnRole.Assistant,
            TranscriptRole.Agent => TurnRole.Agent,
            _ => TurnRole.System,
        }, m.Text))];

    private ConversationEvent Event(TranscriptMessage message, string status) =>
        new(message.Seq, ConversationEventTypes.Message, SessionId, message, status, message.CreatedAt);

    private ConversationView View() =>
        new(SessionId, _row!.Channel, _row.Status, _row.Title, _row.PersonaId, _row.TakenOverBy, _row.StartedAt, _row.LastMessageAt, [.. _messages]);

    private static Failure Busy() =>
        new(FailureCodes.ServiceUnavailable, "This conversation is busy with another turn; retry with the same client_message_id.", RetryAfter: TimeSpan.FromSeconds(2));

    private IPersonaCatalogGrain Personas() => GrainFactory.GetGrain<IPersonaCatalogGrain>(Tenant.Value);

    private ICreditMeterGrain Meter() => GrainFactory.GetGrain<ICreditMeterGrain>(Tenant.Value);

    /// <summary>What a turn needs once checked: a request for the engine, or nothing (a human has the conversation), or a replay.</summary>
    private sealed record TurnContext(ChatTurn Turn, ChatPersona Persona, AssistantRequest? Request, IAssistantEngine? Engine, ChatReply? Replay);
}
