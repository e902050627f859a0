using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bob.Testing.Webhooks;

/// <summary>One request a receiver got: the Standard Webhooks headers and the raw body.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, IHeaderDictionary Headers, DateTimeOffset ReceivedAt)
{
    public System.Text.Json.Nodes.JsonNode Json => System.Text.Json.Nodes.JsonNode.Parse(Body)!;

    public string Type => Json["type"]!.GetValue<string>();
}

/// <summary>
/// A webhook receiver on a loopback Kestrel port. It answers 200 unless told otherwise: a scripted sequence of statuses
/// (<see cref="AnswerNext"/>), a status for everything (<see cref="AnswerAlways"/>), a redirect, or hanging until released.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<int> _script = new();
    private TaskCompletionSource _gate = CompletedGate();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public int? AlwaysStatus { get; private set; }

    public string? RetryAfter { get; set; }

    public string? RedirectTo { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var app = LoopbackServer.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Address() + "/hook");
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order; then 200 (or <see cref="AnswerAlways"/>).</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    public void AnswerAlways(int? status) => AlwaysStatus = status;

    /// <summary>From now on every request is held open until <see cref="Release"/> (or the sender gives up).</summary>
    public void Hang() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public IReadOnlyList<ReceivedWebhook> OfType(string type) => [.. Received.Where(r => r.Type == type)];

    /// <summary>Waits until <paramref name="done"/> holds for what was received (30 s deadline), and returns it.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Received), done, timeout);

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
        _received.Enqueue(new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
            body, headers, DateTimeOffset.UtcNow));
        try
        {
            await _gate.Task.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (RedirectTo is { } location)
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = location;
            return;
        }
        context.Response.StatusCode = _script.TryDequeue(out var scripted) ? scripted : AlwaysStatus ?? StatusCodes.Status200OK;
        if (RetryAfter is { } retryAfter && context.Response.StatusCode is 429 or 503)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        await context.Response.WriteAsync("ok", context.RequestAborted);
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
