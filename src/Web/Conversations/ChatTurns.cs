using System.Net.ServerSentEvents;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Hosting;
using Bob.Web.Http;

namespace Bob.Web.Conversations;

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
            .Check(body.ConversationId is null || Ids.IsValid(body.ConversationId), ConversationId.ApiName, "session_id must match [A-Za-z0-9_-]{1,128}.")
            .Required(ChatMessageRule.Field, body.Message)
            .Check(ChatMessageRule.IsValid(body.Message), ChatMessageRule.Field, ChatMessageRule.Requirement)
            .Check(clientMessageId is null || Ids.IsValid(clientMessageId), "client_message_id", "client_message_id (or Idempotency-Key) must match [A-Za-z0-9_-]{1,128}.")
            .Check(body.VisitorToken is null || VisitorTokenFormat.IsValid(body.VisitorToken), "visitor_token", VisitorTokenFormat.Problem)
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        var conversation = cluster.GetConversation(tenant, body.ConversationId is null ? ConversationId.New() : new ConversationId(body.ConversationId));
        var visitor = channel == ChatChannel.Widget ? new VisitorAccess(body.VisitorToken, ServerMinted: body.ConversationId is null) : null;
        var turn = new ChatTurn(channel, body.Message!, clientMessageId, author, visitor, tenantRead);
        var measured = new MeasuredTurn(WebMetrics.For(context), channel);
        if (!WantsEventStream(context))
        {
            // A turn with its client_message_id may be sent again if its silo dies under it: the grain replays, never re-runs.
            var result = await context.RequestServices.GetRequiredService<SiloLossGuard>()
                .CallAsync(() => conversation.SendAsync(turn), repeatable: clientMessageId is not null);
            measured.Done(result.Value, result.Failure);
            return result.ToHttp(context, ChatJson.Ok);
        }
        return await StreamAsync(conversation.StreamAsync(turn), context, measured);
    }

    public static bool WantsEventStream(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refusals found before the first token are answered as plain problems; after that the stream carries them.</summary>
    private static async Task<IResult> StreamAsync(IAsyncEnumerable<ChatStreamItem> items, HttpContext context, MeasuredTurn measured)
    {
        var enumerator = items.GetAsyncEnumerator(context.RequestAborted);
        if (!await enumerator.MoveNextAsync())
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
        return TypedResults.ServerSentEvents(Relay(enumerator, measured, context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChatTurns))));
    }

    /// <summary>Relays the turn as SSE. A stream that breaks after it started still ends with an <c>error</c> event
    /// (its code says whether a retry with the same client_message_id may help), never mid-way with nothing.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Relay(IAsyncEnumerator<ChatStreamItem> enumerator, MeasuredTurn measured, ILogger logger)
    {
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
                Failure? broken = null;
                try
                {
                    more = await enumerator.MoveNextAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
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
            await enumerator.DisposeAsync();
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
