using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Bob.Load.Faults;

/// <summary>
/// Steady widget chat through every web node while a fault is applied, recording every attempt. A failed turn is
/// retried once with the same client_message_id on the next web node (as a widget behind a load balancer would), and
/// every <see cref="FaultOptions.ResendEvery"/>th acknowledged turn is sent again to check it is replayed, not re-run.
/// </summary>
public sealed class FaultRun(FaultOptions options) : IDisposable
{
    private const string Origin = "https://faults.example.com";
    private const string Message = "How long does shipping take?";
    private static readonly TimeSpan MarkedDownFor = TimeSpan.FromSeconds(5);
    private readonly ConcurrentBag<Attempt> _attempts = [];
    private readonly ConcurrentDictionary<Uri, double> _downUntil = new();
    private readonly ConcurrentDictionary<string, string> _visitorTokens = new();
    private readonly Stopwatch _clock = new();
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];

    // No cookies: the sign-up's session cookie must not turn every widget turn into a signed-in request.
    // A dead node must show as a refused connection, not as a hung client: connect in 5 s, and a turn may take 60 s.
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, ConnectTimeout = TimeSpan.FromSeconds(5), UseCookies = false })
    {
        BaseAddress = options.Urls[0],
        Timeout = TimeSpan.FromSeconds(60),
    };

    public void Dispose() => http.Dispose();

    /// <summary>Sets up the tenants (through the first web node), runs the load, applies <paramref name="fault"/> at its time.</summary>
    public async Task<FaultOutcome> RunAsync(Func<Task> fault, TextWriter? progress = null)
    {
        var tenants = new List<LoadTenant>();
        for (var t = 0; t < options.Tenants; t++)
        {
            tenants.Add(await TenantSetup.CreateTenantAsync(http, Origin));
        }
        var turns = new List<Task>();
        _clock.Start();
        var faultTask = ApplyAtAsync(fault, progress);
        for (var i = 0; ; i++)
        {
            var at = TimeSpan.FromSeconds(i / options.Rate);
            if (at >= options.Duration)
            {
                break;
            }
            if (at > _clock.Elapsed)
            {
                await Task.Delay(at - _clock.Elapsed);
            }
            turns.Add(TurnAsync(i, tenants[i % tenants.Count]));
        }
        await Task.WhenAll(turns);
        var (faultAt, faultTook) = await faultTask;
        progress?.WriteLine($"load done at {_clock.Elapsed.TotalSeconds:F1} s: {turns.Count} turns");
        return new FaultOutcome(options, tenants, [.. _attempts.OrderBy(a => a.Start)], faultAt, faultTook, _clock.Elapsed.TotalSeconds);
    }

    /// <summary>One more turn per tenant through <paramref name="url"/>: its reply carries the tenant's credits used so far.</summary>
    public async Task<(int Status, int CreditsUsed)> ProbeAsync(Uri url, LoadTenant tenant, string id)
    {
        var attempt = await SendAsync(url, -1, AttemptKind.First, tenant, $"probe-{_runId}", id, readCredits: true);
        return (attempt.Attempt.Status, attempt.CreditsUsed);
    }

    private async Task<(double At, double Took)> ApplyAtAsync(Func<Task> fault, TextWriter? progress)
    {
        if (options.FaultAt > _clock.Elapsed)
        {
            await Task.Delay(options.FaultAt - _clock.Elapsed);
        }
        var at = _clock.Elapsed.TotalSeconds;
        progress?.WriteLine($"applying '{options.Label}' at {at:F1} s");
        await fault();
        return (at, _clock.Elapsed.TotalSeconds - at);
    }

    private async Task TurnAsync(int index, LoadTenant tenant)
    {
        var session = $"f{_runId}-{index % options.Sessions}";
        var id = $"m{_runId}-{index}";
        var first = await SendAsync(Route(index), index, AttemptKind.First, tenant, session, id);
        if (!first.Attempt.Ok)
        {
            // A widget retries a failed turn once with the same id after Retry-After (1 s when none came), elsewhere.
            await Task.Delay(TimeSpan.FromSeconds(first.RetryAfter ?? 1));
            await SendAsync(Route(index + 1), index, AttemptKind.Retry, tenant, session, id);
        }
        else if (index % options.ResendEvery == 0)
        {
            await SendAsync(Route(index + 1), index, AttemptKind.Resend, tenant, session, id);
        }
    }

    /// <summary>
    /// The token each conversation's visitor proposes with its first turn and proves it with on every later one (and on
    /// every retry), as the widget does: 128 random bits, URL-safe.
    /// </summary>
    private string VisitorToken(string session) =>
        _visitorTokens.GetOrAdd(session, _ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>
    /// Round robin over the web nodes, skipping one that refused a connection in the last 5 s: what a load balancer's
    /// passive health check does, so a dead web node costs the turns sent before it was noticed, not half of all turns.
    /// </summary>
    private Uri Route(int index)
    {
        var now = _clock.Elapsed.TotalSeconds;
        for (var i = 0; i < options.Urls.Count; i++)
        {
            var url = options.Urls[(index + i) % options.Urls.Count];
            if (!_downUntil.TryGetValue(url, out var until) || until <= now)
            {
                return url;
            }
        }
        return options.Urls[index % options.Urls.Count];
    }

    private async Task<(Attempt Attempt, double? RetryAfter, int CreditsUsed)> SendAsync(
        Uri url, int index, AttemptKind kind, LoadTenant tenant, string session, string id, bool readCredits = false)
    {
        var streamed = index >= 0 && options.StreamEvery > 0 && index % options.StreamEvery == 0;
        var start = _clock.Elapsed.TotalSeconds;
        int status;
        string? code = null, messageId = null;
        double? retryAfter = null;
        var credits = -1;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/api/widget/chat"))
            {
                Content = JsonContent.Create(new { session_id = session, message = Message, client_message_id = id, visitor_token = VisitorToken(session) }),
            };
            request.Headers.Add("X-Widget-Key", tenant.WidgetKey);
            request.Headers.Add("Origin", Origin);
            if (streamed)
            {
                request.Headers.Accept.ParseAdd("text/event-stream");
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            status = (int)response.StatusCode;
            retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds;
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
                ? LastEvent(await response.Content.ReadAsStringAsync(), out status)
                : await response.Content.ReadAsStringAsync();
            var json = body.StartsWith('{') ? JsonNode.Parse(body) : null;
            if (status == 200)
            {
                messageId = json?["message_id"]?.GetValue<string>() ?? json?["messageId"]?.GetValue<string>();
                credits = json?["credits"]?["used"]?.GetValue<int>() ?? -1;
            }
            else
            {
                code = json?["code"]?.GetValue<string>();
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            status = 0;
            code = exception.GetType().Name;
            if (exception is HttpRequestException)
            {
                _downUntil[url] = _clock.Elapsed.TotalSeconds + MarkedDownFor.TotalSeconds;
            }
        }
        var attempt = new Attempt(index, kind, tenant.Id, session, id, start, _clock.Elapsed.TotalSeconds, status, code, retryAfter is not null, messageId, streamed);
        if (index >= 0)
        {
            _attempts.Add(attempt);
        }
        return (attempt, retryAfter, readCredits ? credits : -1);
    }

    /// <summary>A finished event stream as a JSON answer: the <c>done</c> event's reply (200), the <c>error</c> event's
    /// problem (503 when its code says retry, else 500), or 502 <c>stream_cut</c> when it ended with neither.</summary>
    private static string LastEvent(string stream, out int status)
    {
        string? name = null;
        foreach (var line in stream.Split('\n'))
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && name is "done" or "error")
            {
                var data = line["data:".Length..].Trim();
                status = name == "done" ? 200 : JsonNode.Parse(data)?["code"]?.GetValue<string>() == "service_unavailable" ? 503 : 500;
                return data;
            }
        }
        status = 502;
        return "{\"code\":\"stream_cut\"}";
    }
}
