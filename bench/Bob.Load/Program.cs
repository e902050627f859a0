using System.Globalization;
using System.Net.Http.Json;
using Bob.Load;
using Bob.Load.Faults;

if (args.FirstOrDefault() == "faults")
{
    return await FaultCommand.RunAsync(args[1..]);
}
if (args.FirstOrDefault() == "memory")
{
    return await MemoryCommand.RunAsync(args[1..]);
}

// Measures Bob's chat turns (widget, widget streamed, public path) beside yardsticks in the same run, on loopback only: the
// node's GET /health/live, a bare ASP.NET POST of the chat's JSON shape, and (with --durable-db) the simplest durable chat
// endpoint, both hosted by this tool so every build is compared with the same thing.
var options = LoadOptions.Parse(args);
var origin = "https://load.example.com";
// One client per web node; a phase's loops are dealt round robin over them, so every node carries its share.
var nodes = options.Urls.Select(url => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = url,
    Timeout = TimeSpan.FromSeconds(30),
}).ToArray();
var client = nodes[0];

await using var sink = options.Webhooks == WebhookMode.None ? null : await WebhookSink.StartAsync(options.Webhooks);
var widgetKeys = new List<string>();
for (var t = 0; t < options.Tenants; t++)
{
    widgetKeys.Add(await TenantSetup.CreateAsync(client, origin, sink?.Url, options.PiiRedaction));
}

var message = options.PiiRedaction is null
    ? "How long does shipping take?"
    : "How long does shipping take? Reach me at sam@example.com or +1 415 555 0123.";
Console.WriteLine($"target {string.Join(',', options.Urls)}  connections {options.Connections}  duration {options.Duration.TotalSeconds}s per phase  sessions {options.Sessions}  tenants {options.Tenants}  webhooks {options.Webhooks.ToString().ToLowerInvariant()}" +
    (options.PiiRedaction is { } redaction ? $"  piiRedaction {(redaction ? "on" : "off")}" : ""));
// Each phase runs unmeasured first (--warmup), so every path is measured after tiered JIT and its pools have settled.
async Task<PhaseResult> WarmedAsync(string name, Func<HttpClient, int, Task<HttpResponseMessage>> send, IReadOnlyList<HttpClient> clients, bool warm = true)
{
    if (warm && options.WarmUp > TimeSpan.Zero)
    {
        await Phase.RunAsync($"{name} (warm-up)", options with { Duration = options.WarmUp }, send, clients);
    }
    return await Phase.RunAsync(name, options, send, clients);
}

var bare = await WarmedAsync("GET /health/live (bare)", (c, i) => c.GetAsync("/health/live"), nodes);
await using var barePost = await BarePostServer.StartAsync();
using var bareClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections }) { BaseAddress = barePost.Url, Timeout = TimeSpan.FromSeconds(30) };
// The bare and the durable endpoints take the same request, so their figures differ only by what the endpoint does.
Task<HttpResponseMessage> ChatShape(HttpClient c, int i) =>
    c.PostAsJsonAsync("/api/widget/chat", new { session_id = $"load-{i % options.Sessions}", message });
var bareChatShape = await WarmedAsync("POST bare endpoint, chat JSON shape (load tool's Kestrel)", ChatShape, [bareClient]);
await using var durableServer = options.DurableDatabase is { } durableDatabase ? await DurableChatServer.StartAsync(durableDatabase) : null;
using var durableClient = durableServer is null ? null
    : new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections }) { BaseAddress = durableServer.Url, Timeout = TimeSpan.FromSeconds(30) };
var config = await WarmedAsync("GET /api/widget/config (grain calls, no storage)", (c, i) =>
{
    var request = new HttpRequestMessage(HttpMethod.Get, "/api/widget/config");
    request.Headers.Add("X-Widget-Key", widgetKeys[i % widgetKeys.Count]);
    request.Headers.Add("Origin", origin);
    return c.SendAsync(request);
}, nodes);

// Every conversation's first turn is sent before the measured phases: later turns carry the visitor_token it returned.
HttpRequestMessage WidgetTurn(VisitorSessions sessions, int session, bool stream = false)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat") { Content = JsonContent.Create(sessions.Body(session, message)) };
    request.Headers.Add("X-Widget-Key", sessions.Key(session)!);
    request.Headers.Add("Origin", origin);
    if (stream)
    {
        request.Headers.Accept.ParseAdd("text/event-stream");
    }
    return request;
}
// The public path (path 1) is same-origin: the node's own address is the Origin, and no key is sent.
var publicOrigin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
HttpRequestMessage PublicTurn(VisitorSessions sessions, int session)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat") { Content = JsonContent.Create(sessions.Body(session, message)) };
    request.Headers.Add("Origin", publicOrigin);
    return request;
}
var widgetSessions = await VisitorSessions.OpenAsync("load", options.Sessions, widgetKeys, options.Connections, (s, i) => client.SendAsync(WidgetTurn(s, i)));
var publicSessions = await VisitorSessions.OpenAsync("public", options.Sessions, [], options.Connections, (s, i) => client.SendAsync(PublicTurn(s, i)));

// The durable endpoint and the turns are measured in alternating rounds (--rounds), each path warmed once before the
// first: a shared machine's speed drifts within a run, and this moves both sides of each ratio alike.
var chatStarted = sink?.Now ?? TimeSpan.Zero;
var compared = new List<(string Name, Func<HttpClient, int, Task<HttpResponseMessage>> Send, IReadOnlyList<HttpClient> Clients, bool Warm)>();
if (durableClient is not null)
{
    compared.Add(("POST simplest durable endpoint (2 rows + summary upsert, committed)", ChatShape, [durableClient], true));
}
compared.Add(("POST /api/widget/chat", (c, i) => c.SendAsync(WidgetTurn(widgetSessions, i)), nodes, sink is null));
compared.Add(("POST /api/widget/chat, streamed (SSE)", (c, i) => c.SendAsync(WidgetTurn(widgetSessions, i, stream: true)), nodes, sink is null));
compared.Add(("POST /api/chat (public path)", (c, i) => c.SendAsync(PublicTurn(publicSessions, i)), [client], true));
foreach (var (name, send, clients, warm) in compared.Where(p => p.Warm && options.WarmUp > TimeSpan.Zero))
{
    await Phase.RunAsync($"{name} (warm-up)", options with { Duration = options.WarmUp }, send, clients);
}
var slice = options with { Duration = options.Duration / options.Rounds };
var rounds = compared.Select(_ => new List<PhaseResult>()).ToList();
for (var round = 1; round <= options.Rounds; round++)
{
    for (var p = 0; p < compared.Count; p++)
    {
        // Each round goes on where the path's last one stopped, so the conversations take turns instead of the first few taking them all.
        rounds[p].Add(await Phase.RunAsync($"{compared[p].Name} (round {round} of {options.Rounds})", slice, compared[p].Send, compared[p].Clients, first: rounds[p].Sum(r => r.Requests)));
    }
}
var measured = compared.Select((p, at) => PhaseResult.Merge(p.Name, rounds[at])).ToList();
var durable = durableClient is null ? null : measured[0];
var (chat, streamed, publicChat) = (measured[^3], measured[^2], measured[^1]);

Console.WriteLine();
var tenancy = options.Tenants == 1 ? "1 tenant (hot tenant: all chat load on one tenant's widget key)" : $"{options.Tenants} tenants (load spread over their widget keys)";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run: {options.Urls.Count} web node(s), {options.Connections} connections, {tenancy}, {options.Sessions} sessions, {options.WarmUp.TotalSeconds:F0} s unmeasured warm-up per phase, durable endpoint and turns in {options.Rounds} alternating rounds{(sink is null ? "" : " (not for chat: webhooks on)")}"));
Console.WriteLine("| path | requests | errors | req/s | p50 ms | p90 ms | p99 ms | statuses | machine CPU µs/req (busy) |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var result in new[] { bare, bareChatShape, durable, config, chat, streamed, publicChat }.OfType<PhaseResult>())
{
    var cpu = result.MachineCpu is { } used ? string.Create(CultureInfo.InvariantCulture, $"{used.MicrosPerRequest:F0} ({used.BusyShare:P0})") : "n/a";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {result.Name} | {result.Requests} | {result.Errors} | {result.RequestsPerSecond:F0} | {result.Percentile(50):F1} | {result.Percentile(90):F1} | {result.Percentile(99):F1} | {string.Join(' ', result.Statuses.Select(s => $"{s.Key}:{s.Value}"))} | {cpu} |"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nwidget chat / bare throughput ratio: {chat.RequestsPerSecond / bare.RequestsPerSecond:P1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"widget chat / bare POST (chat JSON shape) throughput ratio: {chat.RequestsPerSecond / bareChatShape.RequestsPerSecond:P1}"));
// What a turn may cost the machine for chat to reach a share of the bare POST, when both phases keep the machine busy.
if (bareChatShape.MachineCpu is { } bareCpu && chat.MachineCpu is { } chatCpu)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"machine CPU per request: bare POST {bareCpu.MicrosPerRequest:F0} µs, widget chat {chatCpu.MicrosPerRequest:F0} µs ({chatCpu.MicrosPerRequest / bareCpu.MicrosPerRequest:F1}×); " +
        $"at 25 % of the bare POST's req/s a turn may use {1_000_000d * Environment.ProcessorCount / (0.25 * bareChatShape.RequestsPerSecond):F0} µs of the {Environment.ProcessorCount}-CPU machine"));
}
if (durable is not null)
{
    Console.WriteLine("\n| against the simplest durable endpoint | throughput | p99 (durable's) | machine CPU per request (durable's) |");
    Console.WriteLine("| --- | --- | --- | --- |");
    foreach (var path in new[] { chat, streamed, publicChat })
    {
        var cpu = path.MachineCpu is { } own && durable.MachineCpu is { } theirs
            ? string.Create(CultureInfo.InvariantCulture, $"{own.MicrosPerRequest:F0} µs ({theirs.MicrosPerRequest:F0} µs)")
            : "n/a";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {path.Name} | {path.RequestsPerSecond / durable.RequestsPerSecond:P1} | {path.Percentile(99):F1} ms ({durable.Percentile(99):F1} ms) | {cpu} |"));
    }
}
if (sink is not null)
{
    var duringChat = sink.DistinctEvents;
    var requestsDuringChat = sink.Requests;
    // Let the outbox drain (a hanging receiver never lets it): until nothing new arrived for 5 s, at most 120 s.
    var drainDeadline = sink.Now + TimeSpan.FromSeconds(options.Webhooks == WebhookMode.Ok ? 120 : 0);
    while (sink.Now < drainDeadline && sink.Now - sink.LastArrival < TimeSpan.FromSeconds(5))
    {
        await Task.Delay(500);
    }
    var span = sink.LastArrival - chatStarted;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"webhooks ({options.Webhooks.ToString().ToLowerInvariant()}): {requestsDuringChat} requests / {duringChat} distinct events by the end of the chat phase " +
        $"({duringChat / chat.Elapsed.TotalSeconds:F0} events/s); after draining {sink.Requests} requests / {sink.DistinctEvents} distinct events, " +
        $"the last {span.TotalSeconds:F1} s after the chat phase began ({sink.DistinctEvents / Math.Max(span.TotalSeconds, 0.001):F0} events/s overall)"));
}
foreach (var node in nodes)
{
    node.Dispose();
}
return chat.Errors > chat.Requests / 100 ? 1 : 0;
