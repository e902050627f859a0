using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Bob.Assistant;
using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Audit;
using Bob.Grains.Billing;
using Bob.Grains.Insights;
using Bob.Grains.Webhooks;

namespace Bob.Grains.Conversations;

/// <summary>
/// One conversation's lifecycle and calls: it holds the turn lock, asks <see cref="TurnAdmission"/> what a turn
/// may do, runs the engine, appends each change durably (<see cref="TranscriptWriter"/>) before it is applied to the
/// in-memory <see cref="Transcript"/>, answered, charged and published, and wakes the readers waiting for events.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives exactly as long as the activation.")]
public sealed class ConversationGrain(
    TranscriptStore store,
    TranscriptWriter writer,
    TurnAdmission admission,
    ITurnSources tenantSources,
    TenantFeedPublisher feed,
    TimeProvider time) : Grain, IConversationGrain
{
    /// <summary>Bounds the wait behind another change (e.g. a stream whose reader vanished) so a caller gets a 503, not a hang.</summary>
    private static readonly TimeSpan TurnLockWait = TimeSpan.FromSeconds(25);

    /// <summary>
    /// One change at a time, from check to durable append. The grain is not reentrant, but a streamed turn runs in
    /// Orleans' async-enumerable pump, which interleaves with other calls: without this, two turns could read the
    /// same last seq (primary-key violation) or both miss each other's client message id (a duplicate answer).
    /// </summary>
    private readonly SemaphoreSlim _changes = new(1, 1);

    private Transcript _transcript = null!;
    /// <summary>Completed by the next append; made only when a long-poll waits, so an activation nobody polls carries none.</summary>
    private TaskCompletionSource? _appended;

    /// <summary>Set when a write failed: memory may disagree with the store until it is reloaded.</summary>
    private bool _mustReload;

    /// <summary>When the change holding the lock was received: a first answer is timed from it (see <see cref="TurnInsights"/>).</summary>
    private DateTimeOffset _received;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, id) = ConversationGrains.ParseKey(this.GetPrimaryKeyString());
        await LoadAsync(tenant, id);
    }

    public async Task<ConversationView?> GetAsync()
    {
        if (_mustReload)
        {
            await OneAtATimeAsync(() => Task.FromResult<Result<bool>>(true));
        }
        return _transcript.Exists ? _transcript.View() : null;
    }

    public Task<Result<ConversationView>> StartAsync(ChatChannel channel, string? personaId, string? title, string? startedBy) =>
        OneAtATimeAsync<ConversationView>(async () =>
        {
            if (_transcript.Exists)
            {
                return new Failure(FailureCodes.Conflict, "This session already exists.");
            }
            if (personaId is not null && await GrainFactory.GetGrain<IPersonaCatalogGrain>(_transcript.Tenant).GetAsync(personaId) is null)
            {
                return Failure.Validation("persona_id", "No persona with this id.");
            }
            await CommitAsync(_transcript.Start(channel, title, personaId));
            return _transcript.View();
        });

    public Task<Result<ChatReply>> SendAsync(ChatTurn turn) =>
        OneAtATimeAsync<ChatReply>(async () => await admission.AdmitAsync(_transcript, turn) switch
        {
            TurnOutcome.Refused refused => refused.Failure,
            TurnOutcome.Replayed replayed => replayed.Reply,
            TurnOutcome.SilentForHuman silent => await CommitSilentTurnAsync(silent.Turn, silent.Persona, silent.Webhooks),
            TurnOutcome.HandedOff handedOff => await CommitHandedOffTurnAsync(handedOff.Turn, handedOff.Persona, handedOff.Webhooks),
            TurnOutcome.Answer answer => await AnswerAsync(answer.Turn, answer),
            _ => throw new UnreachableException(),
        });

    /// <summary>
    /// The turn runs on its own (on this activation) and hands its items to the reader through a channel, so the turn
    /// lock is held by the turn, never by the reader: Orleans keeps a grain enumerator whose caller died (its web node
    /// was killed) suspended at its last yield, and disposes it only hours later, so a lock held across a yield wedged
    /// the conversation (every later turn waited 25 s for a 503). A reader that leaves no longer stops the turn: it is
    /// answered, stored and charged like a JSON turn, and a retry with its client_message_id replays it.
    /// </summary>
    public async IAsyncEnumerable<ChatStreamItem> StreamAsync(ChatTurn turn)
    {
        var items = Channel.CreateUnbounded<ChatStreamItem>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var running = RunStreamedTurnAsync(turn, items.Writer);
        var observed = false;
        try
        {
            await foreach (var item in items.Reader.ReadAllAsync())
            {
                yield return item;
            }
            observed = true;
            await running;
        }
        finally
        {
            if (!observed)
            {
                // The reader left: the turn's failure, if any, is nobody's to see (the transcript tells what happened).
                _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    private async Task RunStreamedTurnAsync(ChatTurn turn, ChannelWriter<ChatStreamItem> items)
    {
        try
        {
            if (!await _changes.WaitAsync(TurnLockWait))
            {
                items.TryWrite(new ChatStreamItem(null, null, Busy()));
                return;
            }
            try
            {
                _received = time.GetUtcNow();
                await ReloadIfStaleAsync();
                await foreach (var item in StreamTurnAsync(turn))
                {
                    items.TryWrite(item);
                }
            }
            finally
            {
                _changes.Release();
            }
        }
        finally
        {
            items.TryComplete();
        }
    }

    public Task<Result<ConversationView>> TakeoverAsync(string agentUserId) =>
        OneAtATimeAsync<ConversationView>(async () =>
        {
            if (!_transcript.Exists)
            {
                return Failure.NotFound("Conversation");
            }
            if (_transcript.Takeover(agentUserId) is { } change)
            {
                await CommitAuditedAsync(change, AuditActions.ConversationTakenOver);
            }
            return _transcript.View();
        });

    public Task<Result<ConversationView>> ReleaseAsync(string agentUserId) =>
        OneAtATimeAsync<ConversationView>(async () =>
        {
            if (!_transcript.Exists)
            {
                return Failure.NotFound("Conversation");
            }
            if (!_transcript.HumanHasIt)
            {
                return new Failure(FailureCodes.SessionNotTakenOver, "No human agent has taken this conversation over.");
            }
            await CommitAuditedAsync(_transcript.Release(), AuditActions.ConversationReleased);
            return _transcript.View();
        });

    public Task<Result<TranscriptMessage>> AgentReplyAsync(string agentUserId, string text, string? clientMessageId) =>
        OneAtATimeAsync<TranscriptMessage>(async () =>
        {
            if (!_transcript.Exists)
            {
                return Failure.NotFound("Conversation");
            }
            if (ChatMessageRule.Check(text) is { } invalid)
            {
                return invalid;
            }
            if (clientMessageId is not null && _transcript.EarlierAgentMessage(clientMessageId) is { } earlier)
            {
                return earlier;
            }
            var change = _transcript.AgentReply(agentUserId, text, clientMessageId);
            var takesOver = _transcript.Row!.Status != ConversationStatus.Human || _transcript.Row.TakenOverBy != agentUserId;
            await (takesOver ? CommitAuditedAsync(change, AuditActions.ConversationTakenOver) : CommitAsync(change));
            return change.Messages[^1];
        });

    public Task<Result<ConversationView>> VisitorViewAsync(string? visitorToken, string? verifiedUserId = null) =>
        Task.FromResult(_transcript.VisitorView(visitorToken, verifiedUserId));

    public Task<Result<HumanRequested>> RequestHumanAsync(HumanRequest request) =>
        OneAtATimeAsync<HumanRequested>(async () =>
        {
            if (!_transcript.BelongsTo(ChatChannel.Widget))
            {
                return Failure.NotFound("Conversation");
            }
            if ((_transcript.VisitorRefusal(request.Visitor) ?? (request.Message is null ? null : ChatMessageRule.Check(request.Message))
                ?? (request.Message is null ? null : admission.Caps.Refusal(_transcript, ChatChannel.Widget, request.Message))) is { } refused)
            {
                return refused;
            }
            if (await tenantSources.TenantAsync(_transcript.Tenant) is not { Settings.Suspended: false } tenant)
            {
                return new Failure(FailureCodes.TenantSuspended, "This business's assistant is suspended.");
            }
            var issued = _transcript.OpensVisitorConversation(ChatChannel.Widget) ? VisitorTokens.Issue(request.Visitor) : null;
            request = request with { Message = await TurnAdmission.GovernedAsync(tenant, request.Message) };
            if (_transcript.RequestHuman(request, issued) is { } change)
            {
                await CommitAsync(change, await tenant.WebhookSubscriptionsAsync(), HandoffReason.VisitorAsked);
            }
            return new HumanRequested(_transcript.Id, _transcript.Row!.Status, issued);
        });

    public async Task<IReadOnlyList<ConversationEvent>> WaitForEventsAsync(long afterSequence, TimeSpan maxWait)
    {
        if (_transcript.LastSeq <= afterSequence)
        {
            _appended ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
            await Task.WhenAny(_appended.Task, Task.Delay(maxWait));
        }
        return _transcript.EventsAfter(afterSequence);
    }

    private async IAsyncEnumerable<ChatStreamItem> StreamTurnAsync(ChatTurn turn)
    {
        switch (await admission.AdmitAsync(_transcript, turn))
        {
            case TurnOutcome.Refused refused:
                yield return new ChatStreamItem(null, null, refused.Failure);
                break;
            case TurnOutcome.Replayed replayed:
                yield return new ChatStreamItem(replayed.Reply.Reply, replayed.Reply, null);
                break;
            case TurnOutcome.SilentForHuman silent:
                var recorded = await CommitSilentTurnAsync(silent.Turn, silent.Persona, silent.Webhooks);
                yield return new ChatStreamItem(null, recorded.Value, recorded.Failure);
                break;
            case TurnOutcome.HandedOff handedOff:
                var waiting = await CommitHandedOffTurnAsync(handedOff.Turn, handedOff.Persona, handedOff.Webhooks);
                yield return new ChatStreamItem(waiting.Value?.Reply, waiting.Value, waiting.Failure);
                break;
            case TurnOutcome.Answer answer:
                AssistantReply? final = null;
                Result<ChatReply>? answered = null;
                var committing = false;
                try
                {
                    await foreach (var update in answer.Engine.StreamAsync(answer.Request, CancellationToken.None))
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
                    committing = true;
                    answered = await CommitAnsweredTurnAsync(answer.Turn, answer, final!);
                }
                finally
                {
                    // The engine failed: nothing was stored, so the hold goes back.
                    if (!committing)
                    {
                        await tenantSources.ReleaseAsync(_transcript.Tenant, answer.Hold.Held);
                    }
                }
                yield return new ChatStreamItem(null, answered!.Value, answered.Failure);
                break;
            default:
                throw new UnreachableException();
        }
    }

    private async Task<Result<ChatReply>> CommitSilentTurnAsync(ChatTurn turn, ChatPersona persona, WebhookSubscriptions webhooks)
    {
        var change = _transcript.SilentTurn(turn, persona);
        await CommitAsync(change, webhooks);
        var credits = await tenantSources.BalanceAsync(_transcript.Tenant);
        return new ChatReply(_transcript.Id, change.Messages[0].MessageId, "", persona, [], true, credits, change.Row.Status);
    }

    private async Task<Result<ChatReply>> AnswerAsync(ChatTurn turn, TurnOutcome.Answer answer)
    {
        AssistantReply reply;
        try
        {
            reply = await answer.Engine.ReplyAsync(answer.Request, CancellationToken.None);
        }
        catch
        {
            await tenantSources.ReleaseAsync(_transcript.Tenant, answer.Hold.Held);
            throw;
        }
        return await CommitAnsweredTurnAsync(turn, answer, reply);
    }

    /// <summary>A handoff keyword: the visitor's message and the line saying a person was asked, the conversation waiting.</summary>
    private async Task<Result<ChatReply>> CommitHandedOffTurnAsync(ChatTurn turn, ChatPersona persona, WebhookSubscriptions webhooks)
    {
        var issued = _transcript.OpensVisitorConversation(turn.Channel) ? VisitorTokens.Issue(turn.Visitor) : null;
        var change = _transcript.HandedOffTurn(turn, persona, issued);
        await CommitAsync(change, webhooks, HandoffReason.Keyword);
        var credits = await tenantSources.BalanceAsync(_transcript.Tenant);
        var line = change.Messages[^1];
        return new ChatReply(_transcript.Id, line.MessageId, line.Text, persona, [], true, credits, change.Row.Status, issued);
    }

    private async Task<Result<ChatReply>> CommitAnsweredTurnAsync(ChatTurn turn, TurnOutcome.Answer answer, AssistantReply reply)
    {
        var citations = reply.Citations.Select(c => new ChatCitation(c.Id, c.Title)).ToList();
        // A widget conversation's first turn issues the visitor's token (a replay never repeats it).
        var issued = _transcript.OpensVisitorConversation(turn.Channel) ? VisitorTokens.Issue(turn.Visitor) : null;
        var cost = CreditLedger.Chargeable(reply.CreditsCost, answer.Hold, answer.CreditPolicy);
        var change = _transcript.AnsweredTurn(turn, answer.Persona, reply.Text, citations, reply.Handoff, cost, issued);
        ulong? transaction;
        try
        {
            transaction = await CommitAsync(change, answer.Webhooks, engine: reply.Engine);
        }
        catch
        {
            await tenantSources.ReleaseAsync(_transcript.Tenant, answer.Hold.Held);
            throw;
        }
        // Charged only once the answer (and its cost) is durable: a failed write costs nothing. An answer stored behind a
        // lost acknowledgement has no transaction id to charge with: the meter recounts the log instead.
        var credits = transaction is { } committed
            ? await tenantSources.SettleAsync(_transcript.Tenant, answer.Hold.Held, cost, committed)
            : await ReleaseAndRecountAsync(answer.Hold.Held);
        var message = change.Messages[^1];
        return new ChatReply(_transcript.Id, message.MessageId, message.Text, answer.Persona, message.Citations, reply.Handoff, credits, ConversationStatus.Assistant, issued);
    }

    private async Task<ChatCredits> ReleaseAndRecountAsync(int held)
    {
        await tenantSources.ReleaseAsync(_transcript.Tenant, held);
        return await tenantSources.ReconcileAsync(_transcript.Tenant);
    }

    /// <summary>Appends durably (with the webhook events the change raises, in the same transaction), then (only then) applies
    /// the change in memory, wakes waiting readers and tells Mission Control. Returns the committing transaction's id, or
    /// null when the write seemed to fail but the store has it (its acknowledgement was lost; its events landed with it).
    /// A visitor's turn passes the event types its tenant read said endpoints want (<paramref name="webhooks"/>); other
    /// changes raise every event and the outbox insert keeps what is wanted.</summary>
    private async Task<ulong?> CommitAsync(TranscriptChange change, WebhookSubscriptions? webhooks = null, HandoffReason? handoff = null, string? engine = null)
    {
        ulong? transaction = null;
        try
        {
            transaction = await writer.AppendAsync(change.Row, change.Messages, ConversationWebhookEvents.For(_transcript.Tenant, _transcript.Id, _transcript.Row, change, webhooks),
                TurnInsights.For(_transcript, change, new TurnHint(_received, handoff, engine)));
            _transcript.Apply(change);
        }
        catch (Exception failure)
        {
            if (!await LandedAfterAllAsync(change))
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        var appended = _appended;
        _appended = null;
        appended?.TrySetResult();
        feed.Publish(_transcript.Tenant, change.Messages.Select(m => _transcript.Event(m, change.Row.Status)));
        return transaction;
    }

    /// <summary>
    /// After a failed write memory may disagree with the store (the commit can reach PostgreSQL while its acknowledgement
    /// is lost), so the store decides: reload, and report whether the write landed after all. Until a reload succeeds,
    /// every call reloads first, so a retry with the same client_message_id finds the turn and replays it.
    /// </summary>
    private async Task<bool> LandedAfterAllAsync(TranscriptChange change)
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
        return change.Messages.Count == 0
            ? _transcript.Exists
            : change.Messages.All(m => _transcript.Messages.Any(stored => stored.MessageId == m.MessageId));
    }

    private async Task ReloadIfStaleAsync()
    {
        if (_mustReload)
        {
            await LoadAsync(_transcript.Tenant, _transcript.Id);
            _mustReload = false;
        }
    }

    private async Task LoadAsync(TenantId tenant, ConversationId id)
    {
        var (row, messages) = await store.LoadAsync(tenant, id);
        _transcript = new Transcript(tenant, id, row, messages, time);
    }

    /// <summary>A human's change of who answers (takeover, release): committed, then audited with the status before and after.</summary>
    private async Task CommitAuditedAsync(TranscriptChange change, string action)
    {
        var before = _transcript.Row!;
        await CommitAsync(change);
        await GrainFactory.AuditAsync(_transcript.Tenant, action, new AuditTarget(AuditTargetTypes.Conversation, _transcript.Id.Value),
            AuditSummaries.Conversation(before.Status, before.TakenOverBy), AuditSummaries.Conversation(change.Row.Status, change.Row.TakenOverBy));
    }

    private async Task<Result<T>> OneAtATimeAsync<T>(Func<Task<Result<T>>> change)
    {
        if (!await _changes.WaitAsync(TurnLockWait))
        {
            return Busy();
        }
        try
        {
            _received = time.GetUtcNow();
            await ReloadIfStaleAsync();
            return await change();
        }
        finally
        {
            _changes.Release();
        }
    }

    private static Failure Busy() =>
        new(FailureCodes.ServiceUnavailable, "This conversation is busy with another turn; retry with the same client_message_id.", RetryAfter: TimeSpan.FromSeconds(2));
}
