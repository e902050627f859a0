using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;

namespace Bob.Grains.Conversations;

/// <summary>
/// One conversation's calls, one change at a time (<see cref="TurnLock"/>): a visitor's turn runs as a
/// <see cref="VisitorTurn"/> (streamed through the <see cref="StreamPump"/>), the changes of who answers go to
/// <see cref="HumanHandoff"/>, and the <see cref="TranscriptKeeper"/> appends each change durably before it is applied to
/// the in-memory <see cref="Transcript"/>, answered, charged and published, and wakes the readers waiting for events.
/// </summary>
public sealed class ConversationGrain(
    TranscriptStore store,
    TranscriptWriter writer,
    TurnAdmission admission,
    ITurnSources tenantSources,
    TenantFeedPublisher feed,
    IGrainFactory grains,
    TimeProvider time) : Grain, IConversationGrain
{
    private readonly TranscriptKeeper _keeper = new(store, writer, feed, time);
    private TurnLock _lock = null!;

    private Transcript Transcript => _keeper.Transcript;

    /// <summary>Made per call: agents' changes are rare, and an idle activation should carry nothing it does not need.</summary>
    private HumanHandoff Handoff => new(_keeper, tenantSources, admission.Caps, grains);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lock = new TurnLock(_keeper);
        var (tenant, id) = ConversationGrains.ParseKey(this.GetPrimaryKeyString());
        await _keeper.LoadAsync(tenant, id);
    }

    public async Task<ConversationView?> GetAsync()
    {
        if (_keeper.MustReload)
        {
            await _lock.TryRunAsync(() => Task.CompletedTask);
        }
        return Transcript.Exists ? Transcript.View() : null;
    }

    public Task<Result<ConversationView>> StartAsync(ChatChannel channel, string? personaId, string? title, string? startedBy) =>
        _lock.RunAsync<ConversationView>(async () =>
        {
            if (Transcript.Exists)
            {
                return new Failure(FailureCodes.Conflict, "This conversation already exists.");
            }
            if (personaId is not null && await grains.GetGrain<IPersonaCatalogGrain>(Transcript.Tenant).GetAsync(personaId) is null)
            {
                return Failure.Validation("persona_id", "No persona with this id.");
            }
            await _keeper.CommitAsync(Transcript.Start(channel, title, personaId));
            return Transcript.View();
        });

    public Task<Result<ChatReply>> SendAsync(ChatTurn turn) => _lock.RunAsync(() => Turn(turn).ReplyAsync());

    /// <summary>The turn runs on its own and holds the turn lock itself, never its reader (see <see cref="StreamPump"/>).</summary>
    public IAsyncEnumerable<ChatStreamItem> StreamAsync(ChatTurn turn) =>
        StreamPump.Pump(async items =>
        {
            var ran = await _lock.TryRunAsync(async () =>
            {
                await foreach (var item in Turn(turn).StreamAsync())
                {
                    items.TryWrite(item);
                }
            });
            if (!ran)
            {
                items.TryWrite(new ChatStreamItem(null, null, TurnLock.Busy()));
            }
        });

    public Task<Result<ConversationView>> TakeoverAsync(string agentUserId) => _lock.RunAsync(() => Handoff.TakeoverAsync(agentUserId));

    public Task<Result<ConversationView>> ReleaseAsync(string agentUserId) => _lock.RunAsync(() => Handoff.ReleaseAsync());

    public Task<Result<TranscriptMessage>> AgentReplyAsync(string agentUserId, string text, string? clientMessageId) =>
        _lock.RunAsync(() => Handoff.AgentReplyAsync(agentUserId, text, clientMessageId));

    public Task<Result<ConversationView>> VisitorViewAsync(string? visitorToken, string? verifiedUserId = null) =>
        Task.FromResult(Transcript.VisitorView(visitorToken, verifiedUserId));

    public Task<Result<HumanRequested>> RequestHumanAsync(HumanRequest request) => _lock.RunAsync(() => Handoff.RequestHumanAsync(request));

    public async Task<IReadOnlyList<ConversationEvent>> WaitForEventsAsync(long afterSequence, TimeSpan maxWait)
    {
        if (Transcript.LastSeq <= afterSequence)
        {
            await _keeper.Waiters.NextAppendAsync(maxWait);
        }
        return Transcript.EventsAfter(afterSequence);
    }

    private VisitorTurn Turn(ChatTurn turn) => new(admission, tenantSources, _keeper, turn);
}
