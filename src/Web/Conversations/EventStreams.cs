using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;

namespace Bob.Web.Conversations;

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
    /// If the source fails, the stream ends with an <c>error</c> event carrying the failure's code (a reconnect resumes it).</summary>
    public static async IAsyncEnumerable<SseItem<string>> RelayAsync(
        Func<long, Task<IReadOnlyList<ConversationEvent>>> poll,
        long after,
        Func<ConversationEvent, object?> project,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("{}", "ready");
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<ConversationEvent> events;
            Failure? broken = null;
            try
            {
                events = await poll(after);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            catch (Exception exception)
            {
                broken = ExceptionFailures.From(exception);
                events = [];
            }
            if (broken is not null)
            {
                yield return new SseItem<string>(ChatJson.Serialize(new { code = broken.Code, detail = broken.Detail }), "error");
                yield break;
            }
            if (events.Count == 0)
            {
                yield return new SseItem<string>("{}", "ping");
                continue;
            }
            foreach (var conversationEvent in events)
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
}
