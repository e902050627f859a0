using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bob.Load;

/// <summary>
/// The bare ASP.NET endpoint the issue compares widget chat with: a POST that reads the chat request's JSON and answers a
/// reply of the chat reply's shape, nothing else. It runs in the load tool on 127.0.0.1, so a run of main and a run of
/// a branch compare with the same thing.
/// </summary>
public sealed class BarePostServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BarePostServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<BarePostServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/widget/chat", (BareChat body) => Results.Json(new BareReply(body.SessionId ?? "ses_bare", "msg_bare",
            "We ship worldwide within 3 business days.", new BarePersona("per_bare", "Assistant"), [new BareCitation("kb_bare", "Shipping")],
            false, new BareCredits(1, 99), "assistant")));
        await app.StartAsync();
        return new BarePostServer(app) { Url = new Uri(app.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record BareChat([property: JsonPropertyName("session_id")] string? SessionId, [property: JsonPropertyName("message")] string? Message);

    public sealed record BareReply(
        [property: JsonPropertyName("session_id")] string SessionId, string MessageId, string Reply, BarePersona Persona,
        IReadOnlyList<BareCitation> Citations, bool Handoff, BareCredits Credits, string Status);

    public sealed record BarePersona(string Id, string Name);

    public sealed record BareCitation(string Id, string Title);

    public sealed record BareCredits(int Used, int Remaining);
}
