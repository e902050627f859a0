using System.Net.ServerSentEvents;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Runtime;
using Bob.Web.Http;

namespace Bob.Web.Features.Conversations;

/// <summary>What the three chat paths (public, widget, console) share once each has settled the tenant: input checks, conversation ids, JSON or SSE.</summary>
public static class ChatTurns
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>What every chat route's OpenAPI description says about idempotency and streaming.</summary>
    public const string StreamingNote =
        "Retries with the same client_message_id (or Idempotency-Key header) replay the first reply. " +
        "With Accept: text/event-stream the reply streams as server-sent events: delta events ({\"text\"}), then done (the reply) or error ({\"code\",\"detail\"}).";

    /// <param name="tenantRead">The tenant's turn configuration, when the route already read it for this request.</param>
    public static async Task<IResult> HandleAsync(HttpContext context, IClusterClient cluster, TenantId tenant, ChatChannel channel, ChatBody body, string? author,
        TenantTurnConfig? tenantRead = null)
    {
        var clientMessageId = body.ClientMessageId ?? NullIfEmpty(context.Request.Headers[IdempotencyHeader].ToString());
        var invalid = new Fields()
            .OptionalId(ConversationId.ApiName, body.ConversationId)
            .Required(ChatMessageRule.Field, body.Message)
            .Check(ChatMessageRule.IsValid(body.Message), ChatMessageRule.Field, ChatMessageRule.Requirement)
            .OptionalId("client_message_id", clientMessageId, "client_message_id (or Idempotency-Key)")
            .Check(body.VisitorToken is null || VisitorTokenFormat.IsValid(body.VisitorToken), "visitor_token", VisitorTokenFormat.Problem)
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        var conversation = cluster.GetConversation(tenant, body.ConversationId is null ? ConversationId.New() : new ConversationId(body.ConversationId));
        var visitor = channel != ChatChannel.Console
            ? new VisitorAccess(body.VisitorToken, ServerMinted: body.ConversationId is null, Features.Widget.VisitorIdentity.Of(context))
            : null;
        var turn = new ChatTurn(channel, body.Message!, clientMessageId, author, visitor, tenantRead);
        var measured = new MeasuredTurn(WebMetrics.For(context), channel);
        // A turn with its client_message_id may be sent again if its silo dies under it: the grain replays, never re-runs.
        var guard = context.RequestServices.GetRequiredService<SiloLossGuard>();
        var repeatable = clientMessageId is not null;
        if (!WantsEventStream(context))
        {
            var result = await guard.CallAsync(() => conversation.SendAsync(turn), repeatable);
            measured.Done(result.Value, result.Failure);
            return result.ToHttp(context, ChatJson.Ok);
        }
        return await StreamAsync(() => conversation.StreamAsync(turn), repeatable, guard, context, measured);
    }

    public static bool WantsEventStream(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refusals found before the first token are answered as plain problems; after that the stream carries them.
    /// Until its first item nothing was sent, so a stream caught by a lost silo is opened again like a JSON turn.</summary>
    private static async Task<IResult> StreamAsync(Func<IAsyncEnumerable<ChatStreamItem>> open, bool repeatable, SiloLossGuard guard, HttpContext context, MeasuredTurn measured)
    {
        var (enumerator, any) = await guard.CallAsync(() => FirstItemAsync(open(), context.RequestAborted), repeatable, discard: opened => Abandon(opened.Enumerator));
        if (!any)
        {
            await enumerator.DisposeAsync();
            return Problems.Of(FailureCodes.InternalError, "The assistant returned nothing.");
        }
        if (enumerator.Current.Failure is { } failure)
        {
            await enumerator.DisposeAsync();
            measured.Done(null, failure);
            return Problems.From(failure, context);
        }
        return TypedResults.ServerSentEvents(Relay(enumerator, guard, measured, context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChatTurns))));
    }

    private static async Task<(IAsyncEnumerator<ChatStreamItem> Enumerator, bool Any)> FirstItemAsync(IAsyncEnumerable<ChatStreamItem> items, CancellationToken aborted)
    {
        var enumerator = items.GetAsyncEnumerator(aborted);
        try
        {
            return (enumerator, await enumerator.MoveNextAsync());
        }
        catch
        {
            Abandon(enumerator);
            throw;
        }
    }

    /// <summary>Closes a stream nobody reads any more without waiting: its silo may be gone, and a close sent there
    /// would hold the response until Orleans' timeout.</summary>
    private static void Abandon(IAsyncEnumerator<ChatStreamItem> enumerator) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await enumerator.DisposeAsync();
            }
            catch (Exception)
            {
                // Its silo is gone; Orleans drops the stream's state there with it.
            }
        });

    /// <summary>Relays the turn as SSE. A stream that breaks after it started still ends with an <c>error</c> event
    /// (its code says whether a retry with the same client_message_id may help), never mid-way with nothing. The
    /// <c>done</c> (or <c>error</c>) item is the last: nothing is asked of the grain after it, so a silo lost just then
    /// cannot add an error after the answer, and the response ends at once.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Relay(IAsyncEnumerator<ChatStreamItem> enumerator, SiloLossGuard guard, MeasuredTurn measured, ILogger logger)
    {
        var ended = false;
        try
        {
            var more = true;
            while (more)
            {
                var item = enumerator.Current;
                measured.Done(item.Done, item.Failure);
                if (Event(item) is { } sse)
                {
                    yield return sse;
                }
                if (item.Done is not null || item.Failure is not null)
                {
                    ended = true;
                    break;
                }
                Failure? broken = null;
                try
                {
                    more = await guard.NextStepAsync(enumerator.MoveNextAsync());
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ended = true;
                    broken = ExceptionFailures.From(exception);
                    logger.Log(broken.Code == FailureCodes.InternalError ? LogLevel.Error : LogLevel.Warning, exception, "Streamed chat turn broke: {Code}", broken.Code);
                    measured.Done(null, broken);
                    more = false;
                }
                if (broken is not null)
                {
                    yield return ErrorEvent(broken);
                }
            }
        }
        finally
        {
            if (ended)
            {
                Abandon(enumerator);
            }
            else
            {
                await enumerator.DisposeAsync();
            }
        }
    }

    private static SseItem<string>? Event(ChatStreamItem item) =>
        item.Delta is not null && item.Done is null ? new SseItem<string>(ChatJson.Serialize(new { text = item.Delta }), "delta")
        : item.Done is not null ? new SseItem<string>(ChatJson.Serialize(item.Done), "done")
        : item.Failure is not null ? ErrorEvent(item.Failure)
        : null;

    private static SseItem<string> ErrorEvent(Failure failure) =>
        new(ChatJson.Serialize(new { code = failure.Code, detail = failure.Detail }), "error");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
