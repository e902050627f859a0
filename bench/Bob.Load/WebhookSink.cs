using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bob.Load;

/// <summary>How the load run's webhook receiver answers: <c>none</c> (no endpoint registered), <c>ok</c> (204 at once) or
/// <c>hang</c> (holds every request open until the run ends, so Bob's sends time out).</summary>
public enum WebhookMode
{
    None,
    Ok,
    Hang,
}

/// <summary>A webhook receiver on 127.0.0.1 (a free port) that counts what arrives: every request and each distinct webhook-id.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookMode _mode;
    private readonly CancellationTokenSource _release = new();
    private readonly ConcurrentDictionary<string, byte> _ids = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _requests;
    private long _lastTicks;

    private WebhookSink(WebApplication app, WebhookMode mode)
    {
        _app = app;
        _mode = mode;
    }

    public Uri Url { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public int DistinctEvents => _ids.Count;

    /// <summary>Time since the sink started at which the last request arrived.</summary>
    public TimeSpan LastArrival => TimeSpan.FromTicks(Interlocked.Read(ref _lastTicks));

    public TimeSpan Now => _clock.Elapsed;

    public static async Task<WebhookSink> StartAsync(WebhookMode mode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sink = new WebhookSink(app, mode);
        app.MapPost("/hook", (Func<HttpContext, Task<IResult>>)sink.ReceiveAsync);
        await app.StartAsync();
        sink.Url = new Uri(app.Urls.First() + "/hook");
        return sink;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        _ids.TryAdd(context.Request.Headers["webhook-id"].ToString(), 0);
        Interlocked.Exchange(ref _lastTicks, _clock.Elapsed.Ticks);
        if (_mode == WebhookMode.Hang)
        {
            try
            {
                using var held = CancellationTokenSource.CreateLinkedTokenSource(_release.Token, context.RequestAborted);
                await Task.Delay(Timeout.Infinite, held.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return Results.NoContent();
    }

    public async ValueTask DisposeAsync()
    {
        await _release.CancelAsync();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _release.Dispose();
    }
}
