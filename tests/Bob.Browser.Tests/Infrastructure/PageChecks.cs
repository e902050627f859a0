namespace Bob.Browser.Tests.Infrastructure;

/// <summary>
/// What every console page must pass, in one call: no serious or critical axe violations, at most 100 KB gzipped with
/// its scripts and styles, usable at 360 px (nothing scrolls sideways), and screenshots (desktop and phone) under
/// TestResults/consoles/. The session must be opened with <c>bypassCsp</c> so axe-core can be injected.
/// </summary>
public static class PageChecks
{
    public static async Task CheckPageAsync(this PageSession session, string url, string name)
    {
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 800);
        var weight = PageWeight.Watch(page);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        await weight.AssertUnder100KbAsync(name);
        await Axe.AssertNoSeriousViolationsAsync(page, name);
        await session.ConsoleScreenshotAsync(name);

        await page.SetViewportSizeAsync(360, 740);
        await page.AssertNoSidewaysScrollAsync();
        await session.ConsoleScreenshotAsync(name + "-360");
        await page.SetViewportSizeAsync(1280, 800);
    }
}
