using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>WCAG 2.1 AA and phones: keyboard alone, an automated scan, a 360 × 740 screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneKeyboardAndAccessibilityTests(BrowserWorld world)
{
    [Fact]
    public async Task On_a_360_by_740_phone_the_panel_fills_the_screen_with_16px_inputs_and_nothing_overflows()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey, new ViewportSize { Width = 360, Height = 740 }, isMobile: true);
        var (session, page, widget) = visit;
        await Expect(widget.Launcher).ToBeVisibleAsync();
        await session.ScreenshotAsync("phone-closed");

        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("Supercalifragilisticexpialidocious" + new string('x', 160) + " and a long line of ordinary words that wraps over several lines on a phone");

        var panel = (await widget.Panel.BoundingBoxAsync())!;
        Assert.Equal((0, 0, 360, 740), ((int)panel.X, (int)panel.Y, (int)panel.Width, (int)panel.Height));
        Assert.True(await widget.Input.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)") >= 16);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        foreach (var part in new[] { widget.Panel, page.Locator("bob-widget .messages"), page.Locator("bob-widget .composer"), page.Locator("bob-widget .header") })
        {
            Assert.True(await part.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), $"{part} overflows sideways");
        }
        var bubble = (await widget.Bubbles("visitor").First.BoundingBoxAsync())!;
        Assert.True(bubble.X >= 0 && bubble.X + bubble.Width <= 360, $"the visitor's bubble spans {bubble.X}..{bubble.X + bubble.Width}");
        await Expect(widget.Launcher).ToBeHiddenAsync();
        await Expect(widget.CloseButton).ToBeVisibleAsync();
        await session.ScreenshotAsync("phone-open");

        await widget.CloseButton.ClickAsync();
        await Expect(widget.Launcher).ToBeVisibleAsync();
    }

    [Fact]
    public async Task With_the_keyboard_alone_a_visitor_opens_types_sends_and_closes()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await Expect(widget.Launcher).ToBeVisibleAsync();

        await TabUntilFocusedAsync(page, widget.Launcher);
        Assert.NotEqual("none", await widget.Launcher.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(widget.Panel).ToBeVisibleAsync();
        await Expect(widget.Input).ToBeFocusedAsync();
        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-expanded", "true");

        await page.Keyboard.TypeAsync("Hello from the keyboard");
        await page.Keyboard.PressAsync("Enter");
        await Expect(widget.Bubbles("visitor")).ToHaveTextAsync(new[] { "Hello from the keyboard" });
        await widget.AwaitAnswersAsync(2);

        await page.Keyboard.TypeAsync("And with the send button");
        await page.Keyboard.PressAsync("Tab");
        await Expect(widget.SendButton).ToBeFocusedAsync();
        Assert.NotEqual("none", await widget.SendButton.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(widget.Bubbles("visitor")).ToHaveCountAsync(2);

        await TabUntilFocusedAsync(page, widget.CloseButton, backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Launcher).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(widget.Input).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await Expect(widget.Launcher).ToBeFocusedAsync();
        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task An_automated_accessibility_scan_finds_no_serious_or_critical_violations()
    {
        var tenant = await world.SignupForHostSiteAsync();
        // A light primary colour is the hard case for contrast: Bob must pick dark text for it.
        await world.SetAppearanceAsync(tenant, new { primaryColor = "#ffd400" });
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey, bypassCsp: true);
        var (session, page, widget) = visit;
        await Expect(widget.Launcher).ToBeVisibleAsync();

        var closed = await Axe.SeriousViolationsAsync(page);
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("How long is the warranty?");
        await widget.HumanButton.FocusAsync();
        var open = await Axe.SeriousViolationsAsync(page);

        Assert.True(closed.Count == 0, "closed: " + string.Join("\n", closed));
        Assert.True(open.Count == 0, "open: " + string.Join("\n", open));
    }

    private static async Task TabUntilFocusedAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var presses = 0; presses < 20; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e.getRootNode().activeElement === e"))
            {
                return;
            }
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        Assert.Fail($"{target} was not reached with the keyboard");
    }
}
