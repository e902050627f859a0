namespace Bob.Browser.Tests.Infrastructure;

/// <summary>
/// What every browser test shares: one Bob (Kestrel, real PostgreSQL, co-hosted silo), one tenant website on a
/// second loopback origin, and one Chromium. Tests isolate themselves with their own tenant and a new browser
/// context; starting these once keeps the whole browser suite within a minute or so.
/// </summary>
public sealed class BrowserWorld : IAsyncLifetime
{
    public BrowserBobApp Bob { get; } = new();

    public HostSite Site { get; private set; } = null!;

    public Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var bob = ((IAsyncLifetime)Bob).InitializeAsync();
        Site = await HostSite.StartAsync();
        Chromium = await Chromium.LaunchAsync();
        await bob;
    }

    /// <summary>A fresh browser context (its own storage) and page; desktop-sized unless a viewport is given.</summary>
    public async Task<PageSession> NewPageAsync(ViewportSize? viewport = null, bool bypassCsp = false, bool isMobile = false)
    {
        var context = await Chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            BypassCSP = bypassCsp,
            IsMobile = isMobile,
            HasTouch = isMobile,
            Locale = "en-US",
        });
        return new PageSession(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Site.DisposeAsync();
        await ((IAsyncLifetime)Bob).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserWorld>
{
    public const string Name = "browser";
}
