using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Storage;

/// <summary>
/// The one classification of storage failures. The database's exceptions do not survive Orleans serialization (the
/// web node would see a generic error), so the storage boundaries turn them into a <see cref="FailureException"/>:
/// an unreachable or overloaded database is 503 <c>service_unavailable</c> with a Retry-After (retrying helps);
/// text the database cannot store is 400 <c>validation_failed</c>. Anything else stays what it is: a real fault (500).
/// An unreachable database also empties the connection pools (<see cref="StalePools"/>), so once it is back no request
/// is handed a connection it ended.
/// </summary>
public static class StorageFailures
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static Failure Unavailable { get; } =
        new(FailureCodes.ServiceUnavailable, "The database is briefly unavailable; retry shortly.", RetryAfter: RetryAfter);

    public static Failure UnstorableText { get; } =
        new(FailureCodes.ValidationFailed, $"A value {StorableText.Rule}");

    /// <summary>The failure a storage exception stands for, or null when it is not one (a bug, reported as a 500).</summary>
    public static Failure? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case FailureException { Failure: var failure }:
                    return failure;
                case DbException { IsTransient: true }:
                case DbException { InnerException: SocketException or IOException or TimeoutException }:
                    if (StalePools.SaysConnectionsWereLost(e))
                    {
                        StalePools.Empty();
                    }
                    return Unavailable;
                case Orleans.Storage.InconsistentStateException:
                    // InconsistentState: a stale activation lost an ETag race; Orleans drops it, so a retry reaches the fresh one.
                    return Unavailable;
                case DbException { SqlState: "22021" or "22P05" }:
                case EncoderFallbackException:
                    return UnstorableText;
            }
        }
        return null;
    }

    /// <summary>The exception to throw across a grain boundary: a <see cref="FailureException"/> for storage failures
    /// (its message keeps the cause for the logs, never for clients), else the original.</summary>
    public static Exception Translate(Exception exception) =>
        exception is not FailureException && Classify(exception) is { } failure
            ? new FailureException(failure) { Cause = $"{exception.GetType().Name}: {exception.Message}" }
            : exception;

    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (Translate(exception) is FailureException translated && translated != exception)
        {
            throw translated;
        }
    }

    public static Task GuardAsync(Func<Task> operation) => GuardAsync(async () =>
    {
        await operation();
        return true;
    });
}
