using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

/// <summary>
/// One change of a conversation at a time, from check to durable append. The grain is not reentrant, but a streamed turn
/// runs in Orleans' async-enumerable pump (<see cref="StreamPump"/>), which interleaves with other calls: without this, two
/// turns could read the same last seq (primary-key violation) or both miss each other's client message id (a duplicate
/// answer). The wait is bounded, so a caller behind a stuck change gets a 503 (<see cref="Busy"/>), not a hang.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim never allocates a wait handle; it lives exactly as long as the activation.")]
public sealed class TurnLock(TranscriptKeeper keeper)
{
    /// <summary>Bounds the wait behind another change (e.g. a stream whose reader vanished) so a caller gets a 503, not a hang.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(25);

    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>The answer to a change that waited too long for the one before it.</summary>
    public static Failure Busy() =>
        new(FailureCodes.ServiceUnavailable, "This conversation is busy with another turn; retry with the same client_message_id.", RetryAfter: TimeSpan.FromSeconds(2));

    /// <summary>Runs <paramref name="change"/> alone, on a transcript readied for it (<see cref="TranscriptKeeper.BeginChangeAsync"/>);
    /// <see cref="Busy"/> when the lock was not free in time.</summary>
    public async Task<Result<T>> RunAsync<T>(Func<Task<Result<T>>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Result<T> result = Busy();
        await TryRunAsync(async () => result = await change());
        return result;
    }

    /// <summary>Runs <paramref name="change"/> alone, on a transcript readied for it; false (nothing run) when the lock was not free in time.</summary>
    public async Task<bool> TryRunAsync(Func<Task> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!await _changes.WaitAsync(Wait))
        {
            return false;
        }
        try
        {
            await keeper.BeginChangeAsync();
            await change();
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }
}
