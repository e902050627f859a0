using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>The Shadow DOM keeps CSS apart both ways: the host's styles do not reach the widget, and the widget's do not
/// reach the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IsolationTests(BrowserWorld world)
{
    private static readonly string[] Properties =
    [
        "font-family", "font-size", "line-height", "letter-spacing", "color", "background-color", "border-top-width", "border-top-style",
        "padding-top", "margin-top", "box-sizing", "display", "position", "width", "height", "text-align",
    ];

    private static readonly string[] WidgetParts =
        ["bob-widget .launcher", "bob-widget .panel", "bob-widget .header", "bob-widget .title h2", "bob-widget .messages",
         "bob-widget .msg.assistant .bubble", "bob-widget .msg.visitor .bubble", "bob-widget #bob-input", "bob-widget .send", "bob-widget .send svg"];

    private static readonly string[] HostParts = ["body", "#intro", "#host-button", "#host-status", "#host-notes", "h1"];

    [Fact]
    public async Task Host_page_css_does_not_change_the_widget()
    {
        var tenant = await world.SignupForHostSiteAsync();

        var plain = await WidgetStylesAsync(world.PublishWidgetPage(tenant.WidgetKey));
        var hostile = await WidgetStylesAsync(world.PublishWidgetPage(tenant.WidgetKey, css: WidgetPages.HostileCss), screenshot: "desktop-open-hostile-host-css");

        Assert.Equal(plain, hostile);
        Assert.Contains("rgb(79, 70, 229)", plain["bob-widget .send"], StringComparison.Ordinal);
        Assert.Contains("16px", plain["bob-widget #bob-input"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Widget_css_does_not_change_the_host_page()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var session = await world.NewPageAsync();
        var page = session.Page;

        await page.GotoAsync(world.PublishWidgetPage(tenant.WidgetKey, css: WidgetPages.HostileCss, withWidget: false).ToString());
        var without = await StylesAsync(page, HostParts);
        await page.GotoAsync(world.PublishWidgetPage(tenant.WidgetKey, css: WidgetPages.HostileCss).ToString());
        var widget = new WidgetUi(page);
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("hello");
        var with = await StylesAsync(page, HostParts);

        Assert.Equal(without, with);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('head style, head link[href*=\"widget\"]').length"));
    }

    private async Task<Dictionary<string, string>> WidgetStylesAsync(Uri page, string? screenshot = null)
    {
        await using var session = await world.NewPageAsync();
        await session.Page.GotoAsync(page.ToString());
        var widget = new WidgetUi(session.Page);
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("hello");
        await session.Page.Locator("bob-widget .messages").EvaluateAsync("e => e.scrollTop = 0");
        if (screenshot is not null)
        {
            await session.ScreenshotAsync(screenshot);
        }
        return await StylesAsync(session.Page, WidgetParts);
    }

    private static async Task<Dictionary<string, string>> StylesAsync(IPage page, string[] selectors)
    {
        var styles = new Dictionary<string, string>();
        foreach (var selector in selectors)
        {
            styles[selector] = await page.Locator(selector).First.EvaluateAsync<string>(
                "(e, names) => { const s = getComputedStyle(e); return names.map(n => n + ':' + s.getPropertyValue(n)).join(';'); }", Properties);
        }
        return styles;
    }
}
