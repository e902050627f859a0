namespace Bob.Web.Hosting;

/// <summary>
/// Keeps a web node's grain call from waiting out Orleans' 30 s response timeout when a silo dies under it, without
/// cutting short a call that is merely slow (a hosted model may take 20 s and more). While the call is in flight a lost
/// gateway connection is the only hint that its answer may never come; then, once the cluster has moved on (the silo
/// is declared dead, see <see cref="ClusterChanges.WaitMovedOnAsync"/>), a call that is safe to repeat is sent once more
/// and whichever of the two answers first wins. A call that is not safe to repeat is left to finish or time out.
/// A repeatable call that fails fast because its silo is unavailable is repeated once the same way.
/// </summary>
public sealed class SiloLossGuard(ClusterChanges changes, ILogger<SiloLossGuard> logger)
{
    /// <summary>How long a call whose gateway went away waits for membership to declare the silo dead before giving up on a retry.</summary>
    public static readonly TimeSpan MovedOnDeadline = TimeSpan.FromSeconds(15);

    /// <param name="call">Makes the grain call; called twice at most.</param>
    /// <param name="repeatable">True only when a second call cannot act twice (a chat turn with its client_message_id, a read).</param>
    public async Task<T> CallAsync<T>(Func<Task<T>> call, bool repeatable, CancellationToken cancellation)
    {
        var lost = changes.NextLoss;
        var first = call();
        if (await Task.WhenAny(first, lost) == first)
        {
            if (!repeatable || !first.IsFaulted || !IsSiloUnavailable(first.Exception!.InnerException!))
            {
                return await first;
            }
            logger.LogWarning(first.Exception!.InnerException, "A grain call found its silo unavailable; retrying once the cluster has moved on");
            await changes.WaitMovedOnAsync(MovedOnDeadline, cancellation);
            return await call();
        }
        if (!repeatable)
        {
            return await first;
        }
        var movedOn = changes.WaitMovedOnAsync(MovedOnDeadline, cancellation);
        if ((await Task.WhenAny(first, movedOn) == first && !(first.IsFaulted && IsSiloUnavailable(first.Exception!.InnerException!))) || !await movedOn)
        {
            return await first;
        }
        logger.LogWarning("A silo went away while a grain call was in flight; sending it once more");
        return await FirstAnswerAsync(first, call());
    }

    /// <summary>The first of two equivalent calls to succeed; if both fail, the retry's failure.</summary>
    private static async Task<T> FirstAnswerAsync<T>(Task<T> first, Task<T> retry)
    {
        var winner = await Task.WhenAny(first, retry);
        if (winner.IsCompletedSuccessfully)
        {
            Observe(winner == first ? retry : first);
            return winner.Result;
        }
        var other = winner == first ? retry : first;
        try
        {
            return await other;
        }
        catch when (other == first)
        {
            return await retry;
        }
    }

    private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);

    /// <summary>The classified transient failures that mean "the silo holding this grain is gone", not "this call is slow".</summary>
    private static bool IsSiloUnavailable(Exception exception) =>
        exception is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException;
}
