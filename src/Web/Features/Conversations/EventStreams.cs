using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;

namespace Bob.Web.Features.Conversations;

/// <summary>
/// Turns a grain's long poll into a server-sent event stream: ids are sequences, so a reconnecting
/// EventSource resumes with <c>Last-Event-ID</c>; a ping every quiet interval keeps proxies from closing it.
/// </summary>
public static class EventStreams
{
    public static readonly TimeSpan PollWait = TimeSpan.FromSeconds(15);

    public static long ResumeFrom(HttpContext context, long latest)
    {
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (long.TryParse(lastEventId, out var fromHeader) && fromHeader >= 0)
        {
            return fromHeader;
        }
        return long.TryParse(context.Request.Query["after"], out var fromQuery) && fromQuery >= 0 ? fromQuery : latest;
    }

    /// <summary>Relays events after <paramref name="after"/>; <paramref name="project"/> shapes each for its audience, or drops it (null).
    /// If the source fails, or <paramref name="access"/> no longer allows the stream, it ends with an <c>error</c> event
    /// carrying the code (a reconnect resumes a broken one; a refused one is refused again on reconnecting).</summary>
    public static async IAsyncEnumerable<SseItem<string>> RelayAsync(
        Func<long, Task<IReadOnlyList<ConversationEvent>>> poll,
        long after,
        Func<ConversationEvent, object?> project,
        StreamAccess access,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        yield return new SseItem<string>("{}", "ready");
        var checkedAt = Environment.TickCount64;
        while (!cancellationToken.IsCancellationRequested)
        {
            var step = await NextAsync(() => poll(after), access, checkedAt, cancellationToken);
            if (step.Cancelled)
            {
                yield break;
            }
            if (step.Ended is { } ended)
            {
                yield return new SseItem<string>(ChatJson.Serialize(new { code = ended.Code, detail = ended.Detail }), "error");
                yield break;
            }
            checkedAt = step.CheckedAt;
            if (step.Events.Count == 0)
            {
                yield return new SseItem<string>("{}", "ping");
                continue;
            }
            foreach (var conversationEvent in step.Events)
            {
                after = Math.Max(after, conversationEvent.Sequence);
                if (project(conversationEvent) is { } payload)
                {
                    yield return new SseItem<string>(ChatJson.Serialize(payload), conversationEvent.Type)
                    {
                        EventId = conversationEvent.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    };
                }
            }
        }
    }

    private sealed record Step(IReadOnlyList<ConversationEvent> Events, Failure? Ended, bool Cancelled, long CheckedAt);

    /// <summary>
    /// Waits for the long poll, asking <paramref name="access"/> again whenever <see cref="StreamAccess.Every"/> has passed
    /// since the last check (also before handing on events that arrived late), so a revoked credential's stream ends within
    /// that interval however busy or quiet it is. A poll left behind finishes on its own within its wait.
    /// </summary>
    private static async Task<Step> NextAsync(Func<Task<IReadOnlyList<ConversationEvent>>> poll, StreamAccess access, long checkedAt, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<ConversationEvent>>? polling = null;
        try
        {
            polling = poll();
            while (true)
            {
                var due = TimeSpan.FromMilliseconds(Math.Max(0, checkedAt + (long)access.Every.TotalMilliseconds - Environment.TickCount64));
                if (due > TimeSpan.Zero && await Task.WhenAny(polling, Task.Delay(due, cancellationToken)) == polling)
                {
                    return new Step(await polling, null, false, checkedAt);
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (await access.CheckAsync() is { } ended)
                {
                    Forget(polling);
                    return new Step([], ended, false, checkedAt);
                }
                checkedAt = Environment.TickCount64;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Forget(polling);
            return new Step([], null, true, checkedAt);
        }
        catch (Exception exception)
        {
            Forget(polling);
            return new Step([], ExceptionFailures.From(exception), false, checkedAt);
        }
    }

    /// <summary>A long poll nobody waits for any more: its failure, if any, is nobody's to see.</summary>
    private static void Forget(Task? polling) =>
        _ = polling?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
