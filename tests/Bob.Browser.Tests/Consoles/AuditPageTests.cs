using System.Text.RegularExpressions;
using System.Globalization;
using System.Net.Http.Json;
using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Audit log page: newest first, paged by the API's cursor, filtered by action and by UTC days.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageTests(BrowserWorld world)
{
    [Fact]
    public async Task An_owner_pages_through_the_log_newest_first_and_filters_it_by_action()
    {
        var tenant = await world.Bob.SignupAsync();
        var owner = world.Bob.Bearer(tenant.Token);
        foreach (var days in new[] { 40, 41, 42 })
        {
            (await owner.PutAsJsonAsync("/api/governance", new
            {
                blockedTopics = Array.Empty<string>(), piiRedaction = false, handoffKeywords = Array.Empty<string>(),
                creditPolicy = "hard_stop", retentionDays = days, publicChat = false,
            })).EnsureSuccessStatusCode();
        }
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/audit"));
        // The newest entry is this very sign-in.
        await Expect(page.Locator("#audit-entries tbody tr").First).ToContainTextAsync("auth.login");
        await Expect(page.Locator("#audit-entries tbody tr").First).ToContainTextAsync(tenant.OwnerEmail);
        var all = await EntryIdsAsync(page);
        Assert.True(all.Count >= 5, string.Join(",", all));
        Assert.Equal(all.OrderDescending(), all);

        // Two at a time: each older page continues exactly where the last one stopped.
        await page.GotoAsync(world.BobUrl("/portal/audit?limit=2"));
        var seen = new List<long>(await EntryIdsAsync(page));
        while (await page.GetByRole(AriaRole.Link, new() { Name = "Older entries" }).CountAsync() > 0)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Older entries" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Newest entries" })).ToBeVisibleAsync();
            seen.AddRange(await EntryIdsAsync(page));
        }
        Assert.Equal(all, seen);

        await page.GotoAsync(world.BobUrl("/portal/audit"));
        await page.GetByLabel("Action").SelectOptionAsync("governance.updated");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("action=governance.updated"));
        var rows = page.Locator("#audit-entries tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        foreach (var action in await rows.Locator("td:nth-child(3)").AllTextContentsAsync())
        {
            Assert.Equal("governance.updated", action);
        }
        await rows.First.GetByText("Details").ClickAsync();
        await Expect(rows.First.Locator("pre").Last).ToContainTextAsync("42");
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task An_unknown_action_is_refused_next_to_its_field_an_agent_gets_the_403_page_and_the_page_passes_the_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await using (var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password))
        {
            var response = await owner.Page.GotoAsync(world.BobUrl("/portal/audit?action=nope"));
            Assert.Equal(400, response!.Status);
            await Expect(owner.Page.GetByLabel("Action")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(owner.Page.Locator("#action-error")).ToContainTextAsync("action must be one of");
            await Expect(owner.Page.Locator("#audit-entries")).ToHaveCountAsync(0);
        }
        await world.AssertForbiddenAsync(tenant, "agent", "/portal/audit", "Audit log");
        await using var checks = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await checks.CheckPageAsync(world.BobUrl("/portal/audit"), "portal-audit");
    }

    [Fact]
    public async Task An_owner_narrows_the_log_to_whole_UTC_days_and_a_day_that_is_not_a_date_is_refused_next_to_its_field()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        var today = DateTime.UtcNow.Date;
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.GotoAsync(world.BobUrl("/portal/audit"));
        await page.GetByLabel("From (UTC day)").FillAsync(Day(-1));
        await page.GetByLabel("To (UTC day, included)").FillAsync(Day(0));
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"from={Day(-1)}&to={Day(0)}"));
        // To includes its whole day: this very sign-in, moments ago, is in a range that ends today.
        await Expect(page.Locator("#audit-entries tbody tr").First).ToContainTextAsync("auth.login");
        await Expect(page.GetByLabel("To (UTC day, included)")).ToHaveValueAsync(Day(0));

        // Paging keeps the range.
        await page.GotoAsync(world.BobUrl($"/portal/audit?limit=1&from={Day(-1)}&to={Day(0)}"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older entries" })).ToHaveAttributeAsync("href", new Regex($"limit=1&from={Day(-1)}&to={Day(0)}$"));

        await page.GotoAsync(world.BobUrl("/portal/audit"));
        await page.GetByLabel("From (UTC day)").FillAsync(Day(1));
        await page.GetByLabel("To (UTC day, included)").FillAsync(Day(2));
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("#no-entries")).ToHaveTextAsync("No entries match.");

        var response = await page.GotoAsync(world.BobUrl($"/portal/audit?from=yesterday&to={Day(0)}"));
        Assert.Equal(400, response!.Status);
        await Expect(page.GetByLabel("From (UTC day)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#from-error")).ToContainTextAsync("From must be a date");
        await Expect(page.Locator("#audit-entries")).ToHaveCountAsync(0);

        response = await page.GotoAsync(world.BobUrl($"/portal/audit?from={Day(0)}&to={Day(-1)}"));
        Assert.Equal(400, response!.Status);
        await Expect(page.Locator("#to-error")).ToContainTextAsync("on or after From");
        Assert.Empty(session.ScriptErrors());
    }

    private static async Task<List<long>> EntryIdsAsync(IPage page) =>
        [.. (await page.Locator("#audit-entries tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.entry)"))
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture))];
}
