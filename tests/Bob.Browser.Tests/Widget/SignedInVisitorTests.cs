using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>Signed-in visitors (docs/WIDGET.md): the page passes what its server signed with Bob('identify'); the same
/// customer finds their conversation in another browser, and Bob('reset') on logout starts afresh.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInVisitorTests(BrowserWorld world)
{
    private static Task IdentifyAsync(IPage page, string identity) =>
        page.EvaluateAsync("identity => window.Bob('identify', { identity })", identity);

    [Fact]
    public async Task A_signed_in_customer_finds_their_conversation_in_a_second_browser_context()
    {
        var tenant = await world.SignupForHostSiteAsync();
        var secret = await world.Bob.IssueIdentitySecretAsync(tenant);
        await using var laptop = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        await Expect(laptop.Widget.Launcher).ToBeVisibleAsync();
        await IdentifyAsync(laptop.Page, VisitorSigning.Jwt(secret, VisitorSigning.Claims("cust-77", DateTimeOffset.UtcNow)));
        await laptop.Widget.OpenAsync();
        await laptop.Widget.SendAndAwaitAnswerAsync(WidgetTenants.Question);
        var (sessionId, _) = await laptop.Widget.StoredSessionAsync(tenant.WidgetKeyId);

        await using var phone = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        await Expect(phone.Widget.Launcher).ToBeVisibleAsync();
        await IdentifyAsync(phone.Page, VisitorSigning.Hmac(secret, "cust-77"));
        await phone.Widget.OpenAsync();
        await Expect(phone.Widget.Bubbles("visitor")).ToHaveTextAsync(new[] { WidgetTenants.Question });
        await phone.Widget.SendAndAwaitAnswerAsync("And does it cover the lid?");

        var transcript = await world.TranscriptAsync(tenant, sessionId);
        Assert.Equal("cust-77", transcript["visitor"]!["user_id"]!.GetValue<string>());
        Assert.Equal(4, transcript["messages"]!.AsArray().Count);
        await using var stranger = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        await Expect(stranger.Widget.Launcher).ToBeVisibleAsync();
        await IdentifyAsync(stranger.Page, VisitorSigning.Hmac(secret, "cust-other"));
        await stranger.Widget.OpenAsync();
        await Expect(stranger.Widget.Bubbles("assistant")).ToHaveCountAsync(1); // the greeting only
        await Expect(stranger.Widget.Bubbles("visitor")).ToHaveCountAsync(0);
        Assert.Empty(laptop.Session.PageErrors);
        Assert.Empty(phone.Session.PageErrors);

        await using var agent = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        await agent.Page.GotoAsync(world.BobUrl("/mission-control"));
        await Expect(agent.Page.Locator($"[data-visitor='cust-77']")).ToContainTextAsync("Customer cust-77");
        await agent.Page.GotoAsync(world.BobUrl($"/mission-control/{sessionId}"));
        var visitor = agent.Page.Locator("p.visitor");
        await Expect(visitor).ToContainTextAsync("Customer cust-77");
        await Expect(visitor).ToContainTextAsync("cust-77@customers.example.com");
        await Expect(visitor).ToContainTextAsync("user id cust-77");
        await Expect(visitor).ToContainTextAsync("verified");
    }

    [Fact]
    public async Task Reset_on_logout_clears_the_panel_and_the_next_message_starts_a_new_conversation()
    {
        var tenant = await world.SignupForHostSiteAsync();
        var secret = await world.Bob.IssueIdentitySecretAsync(tenant);
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await Expect(widget.Launcher).ToBeVisibleAsync();
        await IdentifyAsync(page, VisitorSigning.Hmac(secret, "cust-5"));
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("First, signed in");
        var (first, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);

        await page.EvaluateAsync("() => window.Bob('reset')");

        await Expect(widget.Bubbles("visitor")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>($"() => localStorage.getItem('bob.session.{tenant.WidgetKeyId}')"));
        Assert.Null(await page.EvaluateAsync<string?>($"() => localStorage.getItem('bob.identity.{tenant.WidgetKeyId}')"));
        await widget.SendAndAwaitAnswerAsync("Now anonymous");
        var (second, token) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        Assert.NotEqual(first, second);
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Null((await world.TranscriptAsync(tenant, second))["visitor"]);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Thumbs_are_keyboard_toggles_that_reach_mission_control_and_pass_an_accessibility_scan()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await world.SetAppearanceAsync(tenant, new { primaryColor = "#ffd400" });
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey, bypassCsp: true);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync(WidgetTenants.Question);
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        var helpful = page.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true });
        var notHelpful = page.GetByRole(AriaRole.Button, new() { Name = "Not helpful", Exact = true });
        await Expect(helpful).ToHaveCountAsync(1); // the greeting has none: it is no answer
        await Expect(helpful).ToHaveAttributeAsync("aria-pressed", "false");

        await helpful.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(helpful).ToHaveAttributeAsync("aria-pressed", "true");
        var up = await Eventually.ReturnsAsync(() => world.TranscriptAsync(tenant, sessionId), t => t["feedback"]!["messages"]!.AsArray().Count == 1);
        Assert.Equal("up", up["feedback"]!["messages"]![0]!["rating"]!.GetValue<string>());
        await notHelpful.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(notHelpful).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(helpful).ToHaveAttributeAsync("aria-pressed", "false");
        var down = await Eventually.ReturnsAsync(() => world.TranscriptAsync(tenant, sessionId), t => t["feedback"]!["messages"]![0]!["rating"]!.GetValue<string>() == "down");
        Assert.Single(down["feedback"]!["messages"]!.AsArray());

        await using (var agent = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password))
        {
            await agent.Page.GotoAsync(world.BobUrl($"/mission-control/{sessionId}"));
            await Expect(agent.Page.Locator("[data-feedback='down']")).ToContainTextAsync("not helpful");
        }
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.ReloadAsync();
        await widget.OpenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Helpful", Exact = true })).ToHaveCountAsync(1);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Closing_after_an_answer_leaves_one_rating_question_that_reaches_mission_control()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync(WidgetTenants.Question);
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);

        await widget.CloseButton.ClickAsync();
        await Expect(widget.Panel).ToBeHiddenAsync();
        await widget.OpenAsync();
        await widget.CloseButton.ClickAsync();
        await widget.OpenAsync();

        var question = page.GetByRole(AriaRole.Group, new() { Name = "How was this conversation?" });
        await Expect(question).ToHaveCountAsync(1);
        var four = question.GetByRole(AriaRole.Button, new() { Name = "4 out of 5" });
        await four.ClickAsync();
        await Expect(four).ToHaveAttributeAsync("aria-pressed", "true");
        var rated = await Eventually.ReturnsAsync(() => world.TranscriptAsync(tenant, sessionId), t => t["feedback"]!["rating"] is not null);
        Assert.Equal(4, rated["feedback"]!["rating"]!["score"]!.GetValue<int>());
        Assert.Empty(session.PageErrors);
    }
}
