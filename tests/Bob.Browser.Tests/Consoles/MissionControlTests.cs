using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Bob.Browser.Tests.Infrastructure;
using Bob.Browser.Tests.Widget;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The team answers visitors from Mission Control: invited in the browser, live list, take over, reply, release.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MissionControlTests(BrowserWorld world, ITestOutputHelper output)
{
    [Fact]
    public async Task An_invited_agent_joins_sees_a_visitor_arrive_live_takes_over_replies_to_the_widget_and_releases()
    {
        var tenant = await world.SignupForHostSiteAsync();

        // The owner invites an agent on the Team page and hands the link on.
        string inviteLink;
        await using (var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password))
        {
            await owner.Page.GotoAsync(world.BobUrl("/portal/team"));
            await owner.Page.GetByLabel("Email").FillAsync($"dana-{Guid.NewGuid():N}@example.com");
            await owner.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("agent");
            await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
            inviteLink = (await owner.Page.Locator("#invite-link").TextContentAsync())!.Trim();
            Assert.Empty(owner.ScriptErrors());
        }
        Assert.StartsWith(world.BobUrl("/accept-invitation?token="), inviteLink);

        await using var agent = await world.NewPageAsync();
        var page = agent.Page;
        await page.GotoAsync(inviteLink);
        await page.GetByLabel("New password").FillAsync("dana's own password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the team" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/mission-control"));
        await Expect(page.Locator("[data-live-state]")).ToContainTextAsync("Live");

        // A visitor writes on the business's site; the conversation appears in the open Mission Control.
        await page.EvaluateAsync("""
            () => new MutationObserver((_, observer) => {
              if (document.querySelector('[data-live-list] tr')) { window.seenAt = Date.now(); observer.disconnect(); }
            }).observe(document.querySelector('[data-live-list]'), { childList: true, subtree: true, characterData: true })
            """);
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var widget = visit.Widget;
        await widget.OpenAsync();
        var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await widget.SendAsync("I need a refund for order 4417");
        // The new row shows the latest message's preview: the visitor's, then the assistant's answer to it.
        var row = page.Locator("[data-live-list] tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-count]")).ToHaveTextAsync("2");
        var seenAt = await page.EvaluateAsync<long>("() => window.seenAt");
        var latency = seenAt - sentAt;
        output.WriteLine($"visitor message to Mission Control row: {latency} ms");
        await File.WriteAllTextAsync(RepoPaths.TestResult("consoles", "mission-control-latency.txt"),
            $"visitor message sent -> row shown in an open Mission Control: {latency.ToString(CultureInfo.InvariantCulture)} ms\n");
        await agent.ConsoleScreenshotAsync("mission-control-live");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator("[data-live-transcript]")).ToContainTextAsync("I need a refund for order 4417");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await Expect(page.Locator("[data-status-badge]")).ToHaveTextAsync("human");
        await page.GetByLabel("Reply as yourself").FillAsync("Hi, this is Dana. Your refund is on its way.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Expect(widget.Bubbles("agent")).ToHaveTextAsync(new[] { "Hi, this is Dana. Your refund is on its way." });
        await Expect(page.Locator("[data-live-transcript] .msg.agent")).ToHaveCountAsync(1);
        await agent.ConsoleScreenshotAsync("mission-control-transcript");

        // The visitor's next message arrives live in the open transcript.
        await widget.SendAsync("Thank you, Dana!");
        await Expect(page.Locator("[data-live-transcript] .msg.visitor")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = "Hand back to the assistant" }).ClickAsync();
        await Expect(page.Locator("[data-status-badge]")).ToHaveTextAsync("assistant");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take over" })).ToBeVisibleAsync();
        Assert.Empty(agent.ScriptErrors());
    }

    [Fact]
    public async Task A_viewer_watches_but_has_no_take_over_button_and_both_the_page_and_the_api_refuse_it()
    {
        var tenant = await world.Bob.SignupAsync();
        var started = await world.Bob.Bearer(tenant.Token).PostAsJsonAsync("/api/chat/session", new { title = "Order question" });
        var sessionId = (await started.JsonAsync())["session_id"]!.GetValue<string>();
        var viewer = await world.Bob.AddMemberAsync(tenant, "viewer");

        await using var session = await world.SignedInAsync(viewer["user"]!["email"]!.GetValue<string>(), ApiClient.Password);
        await Expect(session.Page).ToHaveURLAsync(world.BobUrl("/mission-control"));
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Order question" }).ClickAsync();
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Order question");
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Take over" })).ToHaveCountAsync(0);
        await Expect(session.Page.GetByLabel("Reply as yourself")).ToHaveCountAsync(0);

        var token = viewer["token"]!.GetValue<string>();
        var csrf = viewer["csrfToken"]!.GetValue<string>();
        var api = await world.Bob.Bearer(token).PostAsync($"/api/chat/sessions/{sessionId}/takeover", null);
        await api.AssertProblemAsync(403, "forbidden");
        var form = await world.CookieClient(token).PostAsync($"/mission-control/{sessionId}/takeover", new FormUrlEncodedContent([new("_csrf", csrf)]));
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        var transcript = await world.TranscriptAsync(tenant, sessionId);
        Assert.Equal("assistant", transcript["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_finds_conversations_by_their_messages()
    {
        var tenant = await world.Bob.SignupAsync();
        var client = world.Bob.Bearer(tenant.Token);
        foreach (var (title, text) in new[] { ("Kettle", "My kettle whistles too loudly"), ("Toaster", "The toaster burns everything") })
        {
            var started = await client.PostAsJsonAsync("/api/chat/session", new { title });
            var id = (await started.JsonAsync())["session_id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/chat/message", new { session_id = id, message = text })).StatusCode);
        }
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        await session.Page.GotoAsync(world.BobUrl("/mission-control"));
        await Expect(session.Page.Locator("[data-live-list] tr")).ToHaveCountAsync(2);
        await session.Page.GetByLabel("Search conversations").FillAsync("whistles");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(session.Page.Locator("[data-live-list] tr")).ToHaveCountAsync(1);
        await Expect(session.Page.Locator("[data-live-list] tr")).ToContainTextAsync("Kettle");
    }

    [Fact]
    public async Task Mission_control_and_team_pages_pass_accessibility_weight_and_phone_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        var client = world.Bob.Bearer(tenant.Token);
        var started = await client.PostAsJsonAsync("/api/chat/session", new { title = "Delivery" });
        var id = (await started.JsonAsync())["session_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/chat/message", new { session_id = id, message = "Where is my parcel?" })).StatusCode);
        await world.Bob.AddMemberAsync(tenant, "agent");

        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await owner.CheckPageAsync(world.BobUrl("/mission-control"), "mission-control");
        await owner.CheckPageAsync(world.BobUrl($"/mission-control/{id}"), "mission-control-session");
        await owner.CheckPageAsync(world.BobUrl("/portal/team"), "portal-team");
    }
}
