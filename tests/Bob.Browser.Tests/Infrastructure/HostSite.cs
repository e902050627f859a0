using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bob.Browser.Tests.Infrastructure;

/// <summary>A page a test publishes: its HTML, the stylesheet (<c>/css/{id}</c>) and script (<c>/js/{id}</c>) it
/// may link, and the Content-Security-Policy it is served with.</summary>
public sealed record HostPage(string Html, string Css = "", string Script = "", string? ContentSecurityPolicy = null);

/// <summary>
/// The tenant's own website: a second Kestrel on another loopback origin (<c>http://localhost:port</c>, while Bob is
/// <c>http://127.0.0.1:port</c>), serving the pages tests publish, their stylesheets and the host's own script.
/// </summary>
public sealed class HostSite : IAsyncDisposable
{
    /// <summary>The host page's own code: it records any error that reaches the window, so a test can tell the host's
    /// errors from the browser's network reports.</summary>
    public const string HostScript = """
        window.hostErrors = [];
        window.addEventListener('error', function (e) { window.hostErrors.push(String(e.message)); });
        window.addEventListener('unhandledrejection', function (e) { window.hostErrors.push(String(e.reason)); });
        document.addEventListener('DOMContentLoaded', function () {
          document.getElementById('host-button').addEventListener('click', function () { document.getElementById('host-status').textContent = 'clicked'; });
          window.hostReady = true;
        });
        """;

    private readonly ConcurrentDictionary<string, HostPage> _pages = new();
    private readonly WebApplication _app;

    private HostSite(WebApplication app) => _app = app;

    public Uri Origin { get; private set; } = null!;

    public static async Task<HostSite> StartAsync()
    {
        // "localhost" cannot bind port 0, so take a free one; Bob listens on 127.0.0.1, a different origin (and site).
        var app = LoopbackServer.Build($"http://localhost:{FreePorts.Next()}");
        var site = new HostSite(app);
        app.MapGet("/host.js", () => Results.Text(HostScript, "text/javascript"));
        app.MapGet("/p/{id}", (string id, HttpContext context) =>
        {
            if (!site._pages.TryGetValue(id, out var page))
            {
                return Results.NotFound();
            }
            if (page.ContentSecurityPolicy is not null)
            {
                context.Response.Headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
            }
            return Results.Content(page.Html, "text/html; charset=utf-8");
        });
        app.MapGet("/css/{id}", (string id) => site._pages.TryGetValue(id, out var page) ? Results.Text(page.Css, "text/css") : Results.NotFound());
        app.MapGet("/js/{id}", (string id) => site._pages.TryGetValue(id, out var page) ? Results.Text(page.Script, "text/javascript") : Results.NotFound());
        await app.StartAsync();
        site.Origin = new Uri(app.Address() + "/");
        return site;
    }

    /// <summary>Publishes a page and returns its address.</summary>
    public Uri Publish(Func<string, HostPage> page)
    {
        var id = Guid.NewGuid().ToString("N");
        _pages[id] = page(id);
        return new Uri(Origin, $"/p/{id}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
