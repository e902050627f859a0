using System.Globalization;
using System.Net.Http.Json;
using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Usage page: this period's plan and credits, and credits per day as a chart with the same numbers in a table.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UsagePageTests(BrowserWorld world)
{
    [Fact]
    public async Task A_viewer_sees_no_usage_yet_then_the_credits_the_assistant_charged_today_in_the_figures_chart_and_table()
    {
        var tenant = await world.Bob.SignupAsync();
        var viewerEmail = await world.AddMemberAsync(tenant, "viewer");
        await using var viewer = await world.SignedInAsync(viewerEmail, ApiClient.Password);
        var page = viewer.Page;

        // Usage is read by every role, the viewer included; a fresh tenant has nothing to chart.
        await page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/usage"));
        await Expect(page.Locator("#no-usage")).ToContainTextAsync("No usage yet this period");
        await Expect(page.Locator("svg.chart")).ToHaveCountAsync(0);

        // Two answers through the console chat path are metered like any other.
        var owner = world.Bob.Bearer(tenant.Token);
        foreach (var question in new[] { "Hello there", "What do you sell?" })
        {
            (await owner.PostAsJsonAsync("/api/chat/message", new { message = question })).EnsureSuccessStatusCode();
        }
        var usage = await world.GetJsonAsync(tenant, "/api/usage");
        var used = usage["creditsUsed"]!.GetValue<int>();
        Assert.True(used > 0, usage.ToJsonString());
        var today = usage["days"]!.AsArray().Single(d => d!["date"]!.GetValue<string>() == DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))!;

        await page.ReloadAsync();
        await Expect(page.Locator("#no-usage")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-figure='used']")).ToHaveTextAsync(used.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-figure='remaining']")).ToHaveTextAsync(usage["creditsRemaining"]!.GetValue<int>().ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-figure='overage']")).ToHaveTextAsync("0");
        await Expect(page.Locator("#usage-plan .figure")).ToHaveTextAsync(usage["plan"]!.GetValue<string>());

        // The chart has one bar (today's) and names itself; the table holds the same numbers for every day so far.
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "AI credits per day" })).ToBeVisibleAsync();
        await Expect(page.Locator("svg.chart rect.bar")).ToHaveCountAsync(1);
        await Expect(page.Locator("svg.chart rect.bar title")).ToContainTextAsync($"{today["credits"]!.GetValue<int>()} credits");
        await page.GetByText("Credits per day as a table").ClickAsync();
        Assert.Equal(usage["days"]!.AsArray().Count, await page.Locator("#usage-days tbody tr").CountAsync());
        var todayRow = page.Locator($"#usage-days tr[data-day='{today["date"]!.GetValue<string>()}'] td");
        await Expect(todayRow.Nth(0)).ToHaveTextAsync(today["credits"]!.GetValue<int>().ToString("N0", CultureInfo.InvariantCulture));
        await Expect(todayRow.Nth(1)).ToHaveTextAsync(today["messages"]!.GetValue<int>().ToString("N0", CultureInfo.InvariantCulture));
        Assert.Empty(viewer.ScriptErrors());

        await using var checks = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await checks.CheckPageAsync(world.BobUrl("/portal/usage"), "portal-usage");
    }

    [Fact]
    public async Task A_signed_out_visit_to_usage_lands_on_login_and_returns_there_after()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var session = await world.NewPageAsync();
        await session.Page.GotoAsync(world.BobUrl("/portal/usage"));
        await Expect(session.Page).ToHaveURLAsync(world.BobUrl("/login?returnUrl=%2Fportal%2Fusage"));
        await session.LogInAsync(tenant.OwnerEmail, tenant.Password);
        await Expect(session.Page).ToHaveURLAsync(world.BobUrl("/portal/usage"));
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Usage", Level = 1 })).ToBeVisibleAsync();
    }
}
