namespace Bob.Web.Hosting;

/// <summary>
/// Keeps a web node's grain call from waiting out Orleans' 30 s response timeout when a silo dies under it, without
/// cutting short a call that is merely slow (a hosted model may take 20 s and more). A lost gateway connection is the
/// hint that an answer may never come: a call in flight then, or started before the cluster has settled the loss,
/// waits until the cluster has moved on (the silo is declared dead, see <see cref="ClusterChanges"/>); if it has
/// still no answer and is safe to repeat, it is sent once more and whichever of the two answers first wins. A
/// repeatable call that fails fast because its silo is unavailable is repeated once the same way. A call that is
/// not safe to repeat is left to finish or time out.
/// </summary>
public sealed class SiloLossGuard(ClusterChanges changes, ILogger<SiloLossGuard> logger)
{
    /// <param name="call">Makes the grain call; called twice at most.</param>
    /// <param name="repeatable">True only when a second call cannot act twice (a chat turn with its client_message_id, a read).</param>
    public async Task<T> CallAsync<T>(Func<Task<T>> call, bool repeatable)
    {
        var settled = changes.NextSettlement;
        var first = call();
        var beforeSettled = await Task.WhenAny(first, settled) == first;
        if (!repeatable || (beforeSettled && !IsSiloUnavailable(first)))
        {
            return await first;
        }
        if (!await settled)
        {
            return await first;
        }
        logger.LogWarning("A grain call was caught by a lost silo; sending it once more now that the cluster has moved on");
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
        if (winner == retry)
        {
            Observe(first);
            return await retry;
        }
        return await retry;
    }

    private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);

    /// <summary>The classified transient failures that mean "the silo holding this grain is gone", not "this call is slow".</summary>
    private static bool IsSiloUnavailable(Task task) =>
        task.Exception?.InnerException is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException
            or Orleans.Runtime.Messaging.ConnectionFailedException;
}
