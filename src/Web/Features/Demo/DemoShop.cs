using System.Net;
using Bob.Hosting.Management;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bob.Web.Features.Demo;

/// <summary>
/// The demo (<c>Bob:Demo:ShopUrl</c>): once this node serves, it sets the sample business up through its own API
/// (<see cref="DemoSeeder"/>), then serves the sample shop's page on the shop's own loopback origin: a static page with
/// the one-line embed tag, so the widget runs on a real other origin. Nothing else answers there.
/// </summary>
public sealed partial class DemoShop(IOptions<DemoOptions> options, IServer server, IConfiguration configuration, IOptions<ManagementOptions> management,
    IHostApplicationLifetime lifetime, ILogger<DemoShop> logger) : BackgroundService
{
    private WebApplication? _shop;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        var shopOrigin = new Uri(options.Value.ShopUrl!).GetLeftPart(UriPartial.Authority);
        var bob = BobAddress();
        using var client = new HttpClient { BaseAddress = bob, Timeout = TimeSpan.FromSeconds(30) };
        var key = await SeedAsync(client, shopOrigin, stoppingToken);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Value.ShopUrl!);
        _shop = builder.Build();
        var page = ShopPage(new Uri(configuration["Bob:PublicUrl"] is { Length: > 0 } publicUrl ? publicUrl : bob.ToString()), key);
        _shop.Run(context =>
        {
            if (context.Request.Path != "/")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(page, stoppingToken);
        });
        await _shop.StartAsync(stoppingToken);
        LogReady(logger, shopOrigin, options.Value.OwnerEmail);
    }

    /// <summary>A node that has just started may still answer 503 while its silo warms up: a few tries, then the demo gives up loudly.</summary>
    private async Task<string> SeedAsync(HttpClient client, string shopOrigin, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DemoSeeder.SeedAsync(client, options.Value, shopOrigin, stoppingToken);
            }
            catch (Exception exception) when (attempt < 10 && exception is HttpRequestException or InvalidOperationException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, attempt, exception.Message);
                client.DefaultRequestHeaders.Authorization = null;
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_shop is not null)
        {
            await _shop.StopAsync(cancellationToken);
            await _shop.DisposeAsync();
        }
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Where this node's public API answers: its first address that is not the management port (a wildcard bind read as loopback).</summary>
    private Uri BobAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)));
        return new Uri(addresses.First(a => a.Port != management.Value.Port).GetLeftPart(UriPartial.Authority) + "/");
    }

    private static string ShopPage(Uri bob, string key) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{DemoContent.BusinessName}</title>
          <style>body{"{"}margin:0;font-family:system-ui,sans-serif;color:#1f2937{"}"}header,main{"{"}max-width:720px;margin:0 auto;padding:24px{"}"}header{"{"}border-bottom:1px solid #e5e7eb{"}"}</style>
        </head>
        <body>
          <header><h1>{DemoContent.BusinessName}</h1><p>Outdoor clothing, made to last. 412 Alder Street, Portland.</p></header>
          <main>
            <h2>Welcome to the demo shop</h2>
            <p>This page is a sample shop on its own origin. The chat button at the bottom right is Bob's widget, embedded with one line:</p>
            <pre><code>{WebUtility.HtmlEncode(EmbedTag(bob, key))}</code></pre>
            <p>Ask {DemoContent.PersonaName}, the shop's assistant, about shipping, returns, sizes, opening hours, payment or the warranty.</p>
          </main>
          {EmbedTag(bob, key)}
        </body>
        </html>
        """;

    private static string EmbedTag(Uri bob, string key) =>
        $"""<script src="{new Uri(bob, "widget/loader.js")}" data-widget-key="{WebUtility.HtmlEncode(key)}" async></script>""";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Setting up the demo failed (attempt {Attempt}), trying again: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo shop ready at {ShopUrl}/ (owner {OwnerEmail})")]
    private static partial void LogReady(ILogger logger, string shopUrl, string ownerEmail);
}
