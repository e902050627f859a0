using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Runtime;

/// <summary>
/// Keeps a web node's grain call from waiting out Orleans' 30 s response timeout when a silo dies under it, without
/// cutting short a call that is merely slow (a hosted model may take 20 s and more). A lost gateway connection is the
/// hint that an answer may never come: a call in flight then, or started before the cluster has settled the loss,
/// waits until the cluster has moved on (the silo is declared dead, see <see cref="ClusterChanges"/>); if it has
/// still no answer and is safe to repeat, it is sent once more and whichever of the two answers first wins. A
/// repeatable call that fails fast because its silo is unavailable is repeated once the same way. A call that is
/// not safe to repeat is left to finish or time out. A stream already relaying is never repeated: a step that still
/// has no answer <see cref="StreamGrace"/> after the cluster moved on is taken as lost with its silo.
/// </summary>
public sealed class SiloLossGuard(ISiloLossSignal signal, TimeProvider time, ILogger<SiloLossGuard> logger)
{
    /// <summary>How long a stream's next item may still take once the cluster has moved on from a lost silo. A live
    /// stream's items come well within it (a model streams tokens every few hundred ms); one on the dead silo never.</summary>
    public static readonly TimeSpan StreamGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long a call that failed fast on an unavailable silo waits for the cluster to settle the loss before
    /// its failure stands: within the 5 s a caller should wait at most, and never forever where no loss is ever signalled.</summary>
    public static readonly TimeSpan FailedCallWait = TimeSpan.FromSeconds(4);

    /// <summary>What a stream lost with its silo ends with: a retry with the same client_message_id replays the turn if
    /// it was stored, or answers it afresh (charged once) if it was not.</summary>
    public static Failure StreamLost { get; } = new(FailureCodes.ServiceUnavailable,
        "The server answering this turn was lost mid-answer; send it again with the same client_message_id.", RetryAfter: TimeSpan.FromSeconds(2));

    /// <param name="call">Makes the grain call; called twice at most.</param>
    /// <param name="repeatable">True only when a second call cannot act twice (a chat turn with its client_message_id, a read).</param>
    /// <param name="discard">Releases an answer that lost the race to the other call's (an open stream); null when there is nothing to release.</param>
    public async Task<T> CallAsync<T>(Func<Task<T>> call, bool repeatable, Action<T>? discard = null)
    {
        var settled = signal.NextSettlement;
        var first = call();
        var beforeSettled = await Task.WhenAny(first, settled) == first;
        if (!repeatable || (beforeSettled && !IsSiloUnavailable(first)))
        {
            return await first;
        }
        if (beforeSettled && await Task.WhenAny(settled, Task.Delay(FailedCallWait, time)) != settled)
        {
            // Failed fast with no loss settling (a co-hosted node is never told of one): the failure stands, a 503.
            return await first;
        }
        if (!await settled)
        {
            return await first;
        }
        logger.LogWarning("A grain call was caught by a lost silo; sending it once more now that the cluster has moved on");
        return await FirstAnswerAsync(first, call(), discard);
    }

    /// <summary>
    /// The next step of a stream already relaying to its client (so never repeated): its answer, unless a silo loss
    /// settles while it waits and it still has none <see cref="StreamGrace"/> later; then it fails with
    /// <see cref="StreamLost"/> instead of waiting for Orleans' response timeout.
    /// </summary>
    public async Task<bool> NextStepAsync(ValueTask<bool> step)
    {
        var pending = step.AsTask();
        var settled = signal.NextSettlement;
        if (await Task.WhenAny(pending, settled) == pending || !await settled)
        {
            return await pending;
        }
        using var grace = new CancellationTokenSource();
        if (await Task.WhenAny(pending, Task.Delay(StreamGrace, time, grace.Token)) == pending)
        {
            await grace.CancelAsync();
            return await pending;
        }
        Observe(pending);
        logger.LogWarning("A streamed turn had no next item {Grace} after the cluster moved on from a lost silo; ending it", StreamGrace);
        throw new FailureException(StreamLost) { Cause = "the stream's silo was lost" };
    }

    /// <summary>The first of two equivalent calls to succeed; if both fail, the retry's failure.</summary>
    private static async Task<T> FirstAnswerAsync<T>(Task<T> first, Task<T> retry, Action<T>? discard)
    {
        var winner = await Task.WhenAny(first, retry);
        if (winner.IsCompletedSuccessfully)
        {
            Release(winner == first ? retry : first, discard);
            return winner.Result;
        }
        if (winner == retry)
        {
            Release(first, discard);
        }
        return await retry;
    }

    /// <summary>A call whose answer is no longer wanted: its failure is observed, its late answer released.</summary>
    private static void Release<T>(Task<T> loser, Action<T>? discard) =>
        loser.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                discard?.Invoke(t.Result);
            }
            _ = t.Exception;
        }, TaskScheduler.Default);

    private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);

    /// <summary>The classified transient failures that mean "the silo holding this grain is gone", not "this call is slow".</summary>
    private static bool IsSiloUnavailable(Task task) =>
        task.Exception?.InnerException is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException
            or Orleans.Runtime.Messaging.ConnectionFailedException;
}
