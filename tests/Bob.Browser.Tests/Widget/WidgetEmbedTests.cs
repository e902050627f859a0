using System.Globalization;
using Bob.Browser.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>A tenant's page on another origin embeds the script tag; a visitor talks to the assistant.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetEmbedTests(BrowserWorld world, ITestOutputHelper output)
{
    [Fact]
    public async Task Visitor_opens_the_widget_gets_a_streamed_cited_answer_and_finds_the_history_after_a_reload()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await world.AddWarrantyArticleAsync(tenant);
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await Expect(widget.Launcher).ToBeVisibleAsync();
        await RecordLauncherTimeAsync(page);
        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Open chat");
        await session.ScreenshotAsync("desktop-closed");

        await widget.OpenAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Bob" })).ToBeVisibleAsync();
        await Expect(widget.Bubbles("assistant").First).ToHaveTextAsync("Hi! I'm Bob. How can I help you today?");
        var streamed = page.WaitForResponseAsync(r => r.Url.Contains("/api/widget/chat", StringComparison.Ordinal) && r.Request.Method == "POST");
        var answer = await widget.SendAndAwaitAnswerAsync(WidgetTenants.Question);
        Assert.Equal("text/event-stream", (await (await streamed).HeaderValueAsync("content-type"))?.Split(';')[0]);
        await Expect(answer).ToContainTextAsync(WidgetTenants.AnswerFragment);
        await Expect(page.Locator("bob-widget .msg.assistant .sources")).ToContainTextAsync(WidgetTenants.ArticleTitle);
        await session.ScreenshotAsync("desktop-open");

        await page.ReloadAsync();
        await widget.OpenAsync();
        await Expect(widget.Bubbles("visitor")).ToHaveTextAsync(new[] { WidgetTenants.Question });
        await widget.AwaitAnswersAsync(2);
        await Expect(widget.Bubbles("assistant").Nth(1)).ToContainTextAsync(WidgetTenants.AnswerFragment);

        var follow = await widget.SendAndAwaitAnswerAsync("Thanks! Is that from the date of purchase?");
        await Expect(follow).Not.ToBeEmptyAsync();
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        var roles = (await world.TranscriptAsync(tenant, sessionId))["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], roles);
        Assert.Empty(session.PageErrors);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task A_key_that_does_not_allow_the_page_or_a_revoked_key_leaves_the_page_working_without_a_launcher()
    {
        var tenant = await world.SignupForHostSiteAsync();
        var otherSiteKey = await CreateKeyAsync(tenant, "https://elsewhere.example.com");
        await using var session = await world.NewPageAsync();
        var page = session.Page;

        foreach (var key in new[] { otherSiteKey, "pk_live_" + new string('0', 32) })
        {
            var warning = await page.RunAndWaitForConsoleMessageAsync(
                () => page.GotoAsync(world.PublishWidgetPage(key).ToString()),
                new() { Predicate = m => m.Text.StartsWith("[Bob] the chat is unavailable", StringComparison.Ordinal) });
            Assert.Equal("warning", warning.Type);
            await AssertHostPageUnharmedAsync(session);
        }
        Assert.All(session.ConsoleErrors, e => Assert.Contains(world.Bob.ServerAddress.GetLeftPart(UriPartial.Authority), e.Text + " " + e.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_Bob_unreachable_the_host_page_stays_fine()
    {
        var tenant = await world.SignupForHostSiteAsync();
        var nowhere = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        await using var session = await world.NewPageAsync();

        await session.Page.GotoAsync(world.PublishWidgetPage(tenant.WidgetKey, script: WidgetPages.StubScript, loaderBase: nowhere).ToString());

        await AssertHostPageUnharmedAsync(session);
        Assert.All(session.ConsoleErrors, e => Assert.Contains(nowhere.GetLeftPart(UriPartial.Authority), e.Text + " " + e.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_made_before_the_loader_ran_are_queued_and_the_js_api_opens_sends_closes_and_reports()
    {
        const string script = WidgetPages.StubScript + """
            window.seen = [];
            ['open', 'close', 'message', 'error'].forEach(function (name) {
              window.Bob.on(name, function (detail) { window.seen.push(name + (detail && detail.role ? ':' + detail.role : '')); });
            });
            window.Bob.send('How long is the warranty on the Zorblax kettle?');
            """;
        var tenant = await world.SignupForHostSiteAsync();
        await world.AddWarrantyArticleAsync(tenant);
        await using var session = await world.NewPageAsync();
        var page = session.Page;
        var widget = new WidgetUi(page);

        await page.GotoAsync(world.PublishWidgetPage(tenant.WidgetKey, script: script).ToString());

        await Expect(widget.Panel).ToBeVisibleAsync();
        await Expect(widget.Bubbles("assistant").Nth(1)).ToContainTextAsync(WidgetTenants.AnswerFragment);
        await WaitForSeenAsync(page, ["open", "message:visitor", "message:assistant"]);
        await page.EvaluateAsync("() => window.Bob.close()");
        await Expect(widget.Panel).ToBeHiddenAsync();
        await WaitForSeenAsync(page, ["open", "message:visitor", "message:assistant", "close"]);
        await page.EvaluateAsync("() => { window.Bob.open(); window.Bob.send('Thanks!'); }");
        await Expect(widget.Bubbles("visitor")).ToHaveCountAsync(2);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task The_tenants_name_greeting_colour_and_corner_are_used_with_readable_text()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await world.SetAppearanceAsync(tenant, new { displayName = "Ada", greeting = "Welcome to the shop!", primaryColor = "#ffd400", position = "bottom-left" });
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();

        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Ada" })).ToBeVisibleAsync();
        await Expect(widget.Bubbles("assistant").First).ToHaveTextAsync("Welcome to the shop!");
        var launcherBox = (await widget.Launcher.BoundingBoxAsync())!;
        var panelBox = (await widget.Panel.BoundingBoxAsync())!;
        Assert.True(launcherBox.X < 100 && panelBox.X < 100, $"launcher at x={launcherBox.X}, panel at x={panelBox.X}: expected the bottom-left corner");
        foreach (var filled in new[] { widget.Launcher, page.Locator("bob-widget .header") })
        {
            Assert.Equal("rgb(255, 212, 0)", await filled.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            Assert.Equal("rgb(0, 0, 0)", await filled.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        }
        await session.ScreenshotAsync("desktop-open-tenant-colours");
    }

    private async Task<string> CreateKeyAsync(TestTenant tenant, params string[] origins)
    {
        var response = await world.Bob.Bearer(tenant.Token).PostAsync("/api/widget-keys",
            ApiClient.RawJson(System.Text.Json.JsonSerializer.Serialize(new { name = "other site", allowedOrigins = origins })));
        return (await response.JsonAsync())["key"]!.GetValue<string>();
    }

    /// <summary>The host's own code ran and still works (its calls to window.Bob included), nothing threw, and no
    /// launcher was drawn.</summary>
    private static async Task AssertHostPageUnharmedAsync(PageSession session)
    {
        var page = session.Page;
        await page.WaitForFunctionAsync("() => window.hostReady === true");
        await page.ClickAsync("#host-button");
        await Expect(page.Locator("#host-status")).ToHaveTextAsync("clicked");
        await page.EvaluateAsync("() => { window.Bob.open(); window.Bob.send('hello?'); window.Bob.close(); }");
        await Expect(page.Locator("bob-widget .launcher")).ToHaveCountAsync(0);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.hostErrors"));
        Assert.Empty(session.PageErrors);
    }

    /// <summary>Waits until the host's listeners have seen exactly these events, in this order.</summary>
    private static async Task WaitForSeenAsync(IPage page, string[] expected) =>
        await page.WaitForFunctionAsync("expected => window.seen.join(',') === expected", string.Join(",", expected));

    private async Task RecordLauncherTimeAsync(IPage page)
    {
        var milliseconds = await page.EvaluateAsync<double>("() => performance.getEntriesByName('bob:launcher-visible')[0].startTime");
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} launcher visible {milliseconds:0} ms after navigation start");
        output.WriteLine(line);
        await File.AppendAllTextAsync(RepoPaths.TestResult("widget", "timings.txt"), line + Environment.NewLine);
    }
}
