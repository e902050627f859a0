using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Governance page: guardrails, credit policy, public chat and retention, saved as the API saves them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GovernancePageTests(BrowserWorld world)
{
    [Fact]
    public async Task An_owner_saves_guardrails_and_a_retention_and_the_api_reads_them_back_while_a_too_short_retention_is_refused_next_to_its_field()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Governance", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/governance"));

        await page.GetByLabel("Blocked topics").FillAsync("crypto\n\n  weather  \nCrypto");
        await page.GetByLabel("Handoff keywords").FillAsync("refund");
        await page.GetByLabel("Mask personal data").CheckAsync();
        await page.GetByLabel("Keep answering, bill overage").CheckAsync();
        await page.GetByLabel("Keep transcripts for (days)").FillAsync("90");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save governance" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Governance saved");

        // Stored as the API stores it: entries trimmed, case-insensitive duplicates dropped.
        await Expect(page.GetByLabel("Blocked topics")).ToHaveValueAsync("crypto\nweather");
        await Expect(page.GetByLabel("Keep answering, bill overage")).ToBeCheckedAsync();
        var saved = await world.GetJsonAsync(tenant, "/api/governance");
        Assert.Equal(["crypto", "weather"], saved["blockedTopics"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["refund"], saved["handoffKeywords"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(saved["piiRedaction"]!.GetValue<bool>());
        Assert.Equal("overage", saved["creditPolicy"]!.GetValue<string>());
        Assert.Equal(90, saved["retentionDays"]!.GetValue<int>());

        // A retention under the minimum is refused next to its field, what was typed stays, and nothing changes.
        await page.GetByLabel("Blocked topics").FillAsync("gambling");
        await page.GetByLabel("Keep transcripts for (days)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save governance" }).ClickAsync();
        await Expect(page.GetByLabel("Keep transcripts for (days)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#retentionDays-error")).ToContainTextAsync("31..3650");
        await Expect(page.GetByLabel("Blocked topics")).ToHaveValueAsync("gambling");
        var unchanged = await world.GetJsonAsync(tenant, "/api/governance");
        Assert.Equal(saved.ToJsonString(), unchanged.ToJsonString());

        // Not a number at all: the page says so next to the field too.
        await page.GetByLabel("Keep transcripts for (days)").FillAsync("ninety");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save governance" }).ClickAsync();
        await Expect(page.Locator("#retentionDays-error")).ToContainTextAsync("whole number of days");

        // Emptied, it means keep transcripts for good.
        await page.GetByLabel("Blocked topics").FillAsync("");
        await page.GetByLabel("Keep transcripts for (days)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save governance" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Governance saved");
        var cleared = await world.GetJsonAsync(tenant, "/api/governance");
        Assert.Empty(cleared["blockedTopics"]!.AsArray());
        Assert.Null(cleared["retentionDays"]);
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task An_agent_gets_the_403_page_and_the_governance_page_passes_the_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await world.AssertForbiddenAsync(tenant, "agent", "/portal/governance", "Governance");
        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await owner.CheckPageAsync(world.BobUrl("/portal/governance"), "portal-governance");
    }
}
