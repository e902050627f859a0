using System.Runtime.ExceptionServices;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Insights;
using Bob.Grains.Webhooks;

namespace Bob.Grains.Conversations;

/// <summary>
/// One conversation's <see cref="Transcript"/> as its activation holds it, kept equal to the store: each change is appended
/// durably (<see cref="TranscriptWriter"/>, with the webhook events it raises) before it is applied in memory, and after a
/// failed write the store decides what happened (see <see cref="LandedAfterAllAsync"/>). Used under the conversation's
/// <see cref="TurnLock"/> only, one change at a time.
/// </summary>
public sealed class TranscriptKeeper(TranscriptStore store, TranscriptWriter writer, TenantFeedPublisher feed, TimeProvider time)
{
    /// <summary>When the change now under way was received: a first answer is timed from it (see <see cref="TurnInsights"/>).</summary>
    private DateTimeOffset _received;

    public Transcript Transcript { get; private set; } = null!;

    /// <summary>The long-poll readers woken by every append.</summary>
    public AppendWaiters Waiters { get; } = new();

    /// <summary>Set when a write failed: memory may disagree with the store until it is reloaded.</summary>
    public bool MustReload { get; private set; }

    public async Task LoadAsync(TenantId tenant, ConversationId id)
    {
        var (row, messages) = await store.LoadAsync(tenant, id);
        Transcript = new Transcript(tenant, id, row, messages, time);
    }

    /// <summary>A change begins (the turn lock was just taken): its time is noted, and a stale transcript reloaded first.</summary>
    public async Task BeginChangeAsync()
    {
        _received = time.GetUtcNow();
        await ReloadIfStaleAsync();
    }

    /// <summary>Appends durably (with the webhook events the change raises, in the same transaction), then (only then) applies
    /// the change in memory, wakes waiting readers and tells Mission Control. Returns the committing transaction's id, or
    /// null when the write seemed to fail but the store has it (its acknowledgement was lost; its events landed with it).
    /// A visitor's turn passes the event types its tenant read said endpoints want (<paramref name="webhooks"/>); other
    /// changes raise every event and the outbox insert keeps what is wanted. An answered turn's <paramref name="settlement"/>
    /// is settled with the commit, so only when a transaction id is returned.</summary>
    public async Task<ulong?> CommitAsync(TranscriptChange change, WebhookSubscriptions? webhooks = null, HandoffReason? handoff = null, string? engine = null,
        CreditSettlement? settlement = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ulong? transaction = null;
        try
        {
            transaction = await writer.AppendAsync(change.Row, change.Messages,
                ConversationWebhookEvents.For(Transcript.Tenant, Transcript.Id, Transcript.Row, change, webhooks),
                TurnInsights.For(Transcript, change, new TurnHint(_received, handoff, engine)), settlement);
            Transcript.Apply(change);
        }
        catch (Exception failure)
        {
            if (!await LandedAfterAllAsync(change))
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        Waiters.Wake();
        feed.Publish(Transcript.Tenant, change.Messages.Select(m => Transcript.Event(m, change.Row.Status)));
        return transaction;
    }

    /// <summary>
    /// After a failed write memory may disagree with the store (the commit can reach PostgreSQL while its acknowledgement
    /// is lost), so the store decides: reload, and report whether the write landed after all. Until a reload succeeds,
    /// every call reloads first, so a retry with the same client_message_id finds the turn and replays it.
    /// </summary>
    private async Task<bool> LandedAfterAllAsync(TranscriptChange change)
    {
        MustReload = true;
        try
        {
            await ReloadIfStaleAsync();
        }
        catch (Exception)
        {
            return false;
        }
        return change.Messages.Count == 0
            ? Transcript.Exists
            : change.Messages.All(m => Transcript.Messages.Any(stored => stored.MessageId == m.MessageId));
    }

    private async Task ReloadIfStaleAsync()
    {
        if (MustReload)
        {
            await LoadAsync(Transcript.Tenant, Transcript.Id);
            MustReload = false;
        }
    }
}
