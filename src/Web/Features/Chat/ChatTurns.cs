using System.Net.ServerSentEvents;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;

namespace Bob.Web.Features.Chat;

/// <summary>What the three chat paths share once each has settled the tenant: input checks, session ids, JSON or SSE.</summary>
public static class ChatTurns
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> HandleAsync(HttpContext context, IClusterClient cluster, TenantId tenant, ChatChannel channel, ChatBody body, string? author)
    {
        var clientMessageId = body.ClientMessageId ?? NullIfEmpty(context.Request.Headers[IdempotencyHeader].ToString());
        var invalid = new Fields()
            .Check(body.SessionId is null || Ids.IsValid(body.SessionId), "session_id", "session_id must match [A-Za-z0-9_-]{1,128}.")
            .Required("message", body.Message)
            .Check((body.Message?.Trim().Length ?? 0) <= ChatLimits.MessageMax, "message", $"message must be 1..{ChatLimits.MessageMax} characters after trimming.")
            .Check(clientMessageId is null || Ids.IsValid(clientMessageId), "client_message_id", "client_message_id (or Idempotency-Key) must match [A-Za-z0-9_-]{1,128}.")
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        var sessionId = body.SessionId ?? Ids.New("ses_");
        var conversation = cluster.GetGrain<IConversationGrain>(GrainKeys.Scoped(tenant, sessionId));
        var turn = new ChatTurn(channel, body.Message!, clientMessageId, author);
        if (!WantsEventStream(context))
        {
            var result = await conversation.SendAsync(turn);
            return result.IsSuccess ? ChatJson.Ok(result.Value!) : Problems.From(result.Failure!, context);
        }
        return await StreamAsync(conversation.StreamAsync(turn), context);
    }

    public static bool WantsEventStream(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refusals found before the first token are answered as plain problems; after that the stream carries them.</summary>
    private static async Task<IResult> StreamAsync(IAsyncEnumerable<ChatStreamItem> items, HttpContext context)
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
            return Problems.From(failure, context);
        }
        return TypedResults.ServerSentEvents(Relay(enumerator, context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChatTurns))));
    }

    /// <summary>Relays the turn as SSE. A stream that breaks after it started still ends with an <c>error</c> event
    /// (its code says whether a retry with the same client_message_id may help), never mid-way with nothing.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Relay(IAsyncEnumerator<ChatStreamItem> enumerator, ILogger logger)
    {
        try
        {
            var more = true;
            while (more)
            {
                if (Event(enumerator.Current) is { } item)
                {
                    yield return item;
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
