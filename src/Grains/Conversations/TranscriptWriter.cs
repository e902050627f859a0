using System.Diagnostics;
using System.Threading.Channels;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Storage;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Bob.Grains.Conversations;

/// <summary>One conversation's pending append: its new messages, its updated summary row, and the webhook events they raise
/// (written in the same transaction, so an acknowledged turn's events are never lost and a failed append writes none).</summary>
internal sealed record TranscriptAppend(ConversationRow Conversation, IReadOnlyList<TranscriptMessage> Messages, IReadOnlyList<OutboxEvent> Events,
    Insights.TurnInsight? Insight = null, CreditSettlement? Settlement = null)
{
    /// <summary>The caller's trace, so the shared commit shows up in the turn that waited for it.</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    /// <summary>Completes with the id of the PostgreSQL transaction that committed it.</summary>
    public TaskCompletionSource<ulong> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When it was queued: it waits for an unavailable database only so long after that.</summary>
    public long QueuedAt { get; } = Stopwatch.GetTimestamp();
}

/// <summary>
/// Group commit for transcripts: appends from every conversation on this silo queue here and are written
/// in shared transactions. A lone append is written at once; under load, whatever queued during the previous
/// commit goes in the next one, so throughput grows with load instead of paying one commit per message.
/// Callers await their own append, so nothing is acknowledged before it is durable.
/// It starts and stops with the silo at <see cref="ServiceLifecycleStage.ApplicationServices"/>: grains are deactivated
/// before that stage stops, so a turn finishing during a graceful shutdown is still written (stopped with the host,
/// it went first and such turns failed with a 500).
/// A batch refused because the database is unavailable (a restart, a failover) is tried again every
/// <see cref="RetryPause"/>, with whatever queued meanwhile, while its appends are younger than
/// <see cref="TranscriptWriterOptions.UnavailableWait"/>; older ones fail (503). A retry never writes twice: a batch whose
/// COMMIT landed behind a lost acknowledgement is refused by the transcript's unique keys, and its conversations find
/// their turns in the store (<see cref="ConversationGrain"/>).
/// An answered turn's credit hold is settled with its commit (<see cref="CreditSettlement"/>): once a batch is durable, one
/// meter call per tenant in it instead of one call per turn. The turn's reply waits for it; the next commit does not (a
/// hot tenant's meter on another silo, busy with holds, would otherwise hold up every turn of this silo).
/// </summary>
public sealed class TranscriptWriter(TranscriptStore store, WebhookOutboxSignal webhooks, ITurnSources meters, IOptions<TranscriptWriterOptions> options,
    ILogger<TranscriptWriter> logger) : BackgroundService, ILifecycleParticipant<ISiloLifecycle>
{
    private const int MaxBatch = 256;
    private const int Writers = 2;
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);
    private static readonly ActivitySource Tracing = new(TelemetryNames.ActivitySource);

    /// <summary>The last insights shard a writer of this process took; it starts at random, so writers on other silos rarely share one.</summary>
    private static int _lastShard = Random.Shared.Next(Insights.InsightsBatch.Shards);

    private readonly Channel<TranscriptAppend> _queue = Channel.CreateUnbounded<TranscriptAppend>(new UnboundedChannelOptions { SingleWriter = false });

    /// <summary>Appends durably, with the webhook events the change raises in the same transaction; the result is the
    /// committing transaction's id. A <paramref name="settlement"/> is settled on the meter once the append is durable
    /// (see <see cref="ICreditMeterGrain.SettleAsync"/>): its <see cref="CreditSettlement.Balance"/> completes then.</summary>
    public Task<ulong> AppendAsync(ConversationRow conversation, IReadOnlyList<TranscriptMessage> messages, IReadOnlyList<OutboxEvent>? events = null,
        Insights.TurnInsight? insight = null, CreditSettlement? settlement = null)
    {
        var append = new TranscriptAppend(conversation, messages, events ?? [], insight, settlement);
        if (!_queue.Writer.TryWrite(append))
        {
            throw Stopping();
        }
        return append.Written.Task;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TranscriptWriter), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    /// <summary>The silo is going away: the caller may retry (with the same client_message_id) and reach another silo.</summary>
    private static FailureException Stopping() =>
        new(new Failure(FailureCodes.ServiceUnavailable, "The service is briefly unavailable; retry shortly.", RetryAfter: TimeSpan.FromSeconds(2))) { Cause = "the silo is stopping" };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => WriteLoopAsync(NextShard(), stoppingToken)));

    private static short NextShard() => (short)((Interlocked.Increment(ref _lastShard) & int.MaxValue) % Insights.InsightsBatch.Shards);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteLoopAsync(short shard, CancellationToken stoppingToken)
    {
        var batch = new List<TranscriptAppend>(MaxBatch);
        try
        {
            while (batch.Count > 0 || await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var append))
                {
                    batch.Add(append);
                }
                // Both writers wake for one append; the one that finds the queue empty has nothing to commit.
                if (batch.Count == 0)
                {
                    continue;
                }
                var waiting = await WriteAsync(batch, shard);
                batch.Clear();
                if (waiting.Count > 0)
                {
                    batch.AddRange(waiting);
                    await Task.Delay(RetryPause, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the queue is completed, callers still waiting get a failure below.
        }
        batch.ForEach(waiting => waiting.Written.TrySetException(Stopping()));
        while (_queue.Reader.TryRead(out var left))
        {
            left.Written.TrySetException(Stopping());
        }
    }

    /// <summary>Writes the batch; returns the appends to try again because the database is unavailable for now.</summary>
    private async Task<List<TranscriptAppend>> WriteAsync(List<TranscriptAppend> batch, short shard)
    {
        // Child of the first waiting turn, linked to the others: each turn's trace reaches PostgreSQL.
        using var activity = Tracing.HasListeners()
            ? Tracing.StartActivity("transcript commit", ActivityKind.Internal, batch[0].Caller, links: batch.Skip(1).Select(a => new ActivityLink(a.Caller)))
            : null;
        activity?.SetTag("bob.batch.size", batch.Count);
        try
        {
            var written = await store.WriteBatchAsync(batch, shard, CancellationToken.None);
            batch.ForEach(a => a.Written.TrySetResult(written.Transaction));
            if (batch.Where(a => a.Settlement is not null).ToList() is { Count: > 0 } answered)
            {
                _ = SettleAsync(answered, written.Transaction);
            }
            // The relay looks only when an endpoint wanted one of the events (a tenant without webhooks wakes nobody).
            if (written.EventsKept > 0)
            {
                webhooks.Notify();
            }
            return [];
        }
        catch (Exception ex) when (batch.Count > 1 && !IsDatabaseUnavailable(ex))
        {
            // One bad append (e.g. a duplicate) must not fail its neighbours: retry them one by one.
            var waiting = new List<TranscriptAppend>();
            foreach (var append in batch)
            {
                waiting.AddRange(await WriteAsync([append], shard));
            }
            return waiting;
        }
        catch (Exception ex) when (IsDatabaseUnavailable(ex))
        {
            var wait = options.Value.UnavailableWait;
            var waiting = batch.Where(a => Stopwatch.GetElapsedTime(a.QueuedAt) + RetryPause < wait).ToList();
            var failed = batch.Except(waiting).ToList();
            if (waiting.Count > 0)
            {
                logger.LogInformation("The database is unavailable; {Count} transcript appends wait for it (at most {Wait})", waiting.Count, wait);
            }
            if (failed.Count > 0)
            {
                Fail(failed, ex);
            }
            return waiting;
        }
        catch (Exception ex)
        {
            Fail(batch, ex);
            return [];
        }
    }

    /// <summary>One meter call per tenant of the committed batch's <paramref name="answered"/> appends: the holds their turns
    /// give back and what their answers cost, all committed by <paramref name="transaction"/>. A failed call fails those turns'
    /// settlements, not their appends (they are durable): as before, such a hold expires and the meter's recount counts the
    /// charge. Never throws.</summary>
    private async Task SettleAsync(List<TranscriptAppend> answered, ulong transaction)
    {
        await Task.WhenAll(answered.GroupBy(a => a.Conversation.Tenant).Select(async turns =>
        {
            var settlements = turns.Select(a => a.Settlement!).ToList();
            try
            {
                var balance = await meters.SettleAsync(turns.Key, settlements.Sum(s => s.Held), settlements.Sum(s => s.Credits), transaction);
                settlements.ForEach(s => s.Balance.TrySetResult(balance));
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Credits of {Count} turns of {Tenant} not settled; their holds expire and the meter's recount counts them", settlements.Count, turns.Key);
                settlements.ForEach(s => s.Balance.TrySetException(ex));
            }
        }));
    }

    private void Fail(List<TranscriptAppend> appends, Exception ex)
    {
        logger.LogWarning(ex, "Transcript append failed for {Tenant}/{Conversation} and {Others} more", appends[0].Conversation.Tenant, appends[0].Conversation.Id, appends.Count - 1);
        appends.ForEach(a => a.Written.TrySetException(ex));
    }

    private static bool IsDatabaseUnavailable(Exception exception) =>
        StorageFailures.Classify(exception) is { Code: FailureCodes.ServiceUnavailable };
}
