using Bob.Browser.Tests.Infrastructure;

namespace Bob.Browser.Tests.Widget;

/// <summary>A visitor's fresh browser context on a tenant's page that embeds the widget.</summary>
public sealed class WidgetVisit(PageSession session) : IAsyncDisposable
{
    public PageSession Session => session;

    public IPage Page => session.Page;

    public WidgetUi Widget { get; } = new(session.Page);

    public void Deconstruct(out PageSession pageSession, out IPage page, out WidgetUi widget) => (pageSession, page, widget) = (Session, Page, Widget);

    public ValueTask DisposeAsync() => session.DisposeAsync();
}

public static class WidgetVisits
{
    /// <summary>Opens the host site's plain page embedding <paramref name="key"/> in a new context (desktop unless told).</summary>
    public static async Task<WidgetVisit> VisitWidgetPageAsync(this BrowserWorld world, string key, ViewportSize? viewport = null, bool bypassCsp = false, bool isMobile = false)
    {
        var session = await world.NewPageAsync(viewport, bypassCsp, isMobile);
        await session.Page.GotoAsync(world.PublishWidgetPage(key).ToString());
        return new WidgetVisit(session);
    }
}
