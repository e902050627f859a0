using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bob.Browser.Tests.Infrastructure;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Insights page: figures, the per-day chart with its table, answers rated down linked to their transcripts,
/// and an unanswered question whose "Add an article" opens the knowledge editor prefilled and then leaves the list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsPageTests(BrowserWorld world)
{
    private const string Question = "How long is the warranty on the Zorblax kettle?";

    [Fact]
    public async Task An_owner_reads_the_insights_and_adds_the_missing_article_from_an_unanswered_question()
    {
        var tenant = await world.Bob.SignupAsync();
        var owner = world.Bob.Bearer(tenant.Token);
        await AskAsync(owner, "Hello there");
        var unanswered = await AskAsync(owner, Question);
        Assert.True(unanswered["handoff"]!.GetValue<bool>());
        await RateDownAsync(tenant, unanswered);

        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Insights", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/insights"));
        await Expect(page.Locator("[data-figure='conversations']")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-figure='deflection']")).ToHaveTextAsync("50 %");
        await Expect(page.Locator("[data-figure='positive']")).ToHaveTextAsync("0 %");
        await Expect(page.Locator("#handoff-reasons tr[data-reason='no_grounded_answer'] td")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Conversations per day" })).ToBeVisibleAsync();
        await Expect(page.Locator("svg.chart rect.bar")).ToHaveCountAsync(2);
        await page.GetByText("Insights per day as a table").ClickAsync();
        await Expect(page.Locator("#insights-days tbody tr")).ToHaveCountAsync(30);
        var today = page.Locator($"#insights-days tr[data-day='{DateTime.UtcNow:yyyy-MM-dd}'] td");
        await Expect(today.Nth(0)).ToHaveTextAsync("2");
        await Expect(today.Nth(1)).ToHaveTextAsync("1");
        await Expect(page.Locator("#rated-down a")).ToHaveAttributeAsync("href", $"/mission-control/{unanswered["session_id"]!.GetValue<string>()}");

        await Expect(page.Locator("#unanswered-questions > li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Add an article for “{Question}”" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/portal/knowledge\\?title="));
        await Expect(page.Locator("#new-title-input")).ToHaveValueAsync(Question);
        await page.Locator("#new-content").FillAsync("The Zorblax kettle comes with a warranty of two years from the date of purchase.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add article" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/knowledge?done=added"));

        await page.GotoAsync(world.BobUrl("/portal/insights"));
        await Expect(page.Locator("#no-unanswered")).ToBeVisibleAsync();
        Assert.Empty(session.ScriptErrors());

        await using var checks = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await checks.CheckPageAsync(world.BobUrl("/portal/insights"), "portal-insights");
    }

    [Fact]
    public async Task A_viewer_reads_insights_without_the_knowledge_editor_and_a_bad_range_names_the_field()
    {
        var tenant = await world.Bob.SignupAsync();
        await AskAsync(world.Bob.Bearer(tenant.Token), Question);
        var viewerEmail = await world.AddMemberAsync(tenant, "viewer");
        await using var viewer = await world.SignedInAsync(viewerEmail, ApiClient.Password);
        var page = viewer.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Insights", Exact = true }).First.ClickAsync();
        await Expect(page.Locator("#unanswered-questions > li")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Add an article") })).ToHaveCountAsync(0);

        await page.GetByLabel("From (UTC day)").FillAsync("2026-03-10");
        await page.GetByLabel("To (UTC day, included)").FillAsync("2026-03-09");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#to-error, .error").First).ToContainTextAsync("on or after from");
        await Expect(page.Locator("[data-figure='conversations']")).ToHaveCountAsync(0);
        Assert.Empty(viewer.ScriptErrors());
    }

    private static async Task<JsonObject> AskAsync(HttpClient owner, string message)
    {
        var response = await owner.PostAsJsonAsync("/api/chat/message", new { message });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A visitor's 👎, stored as the feedback route stores it (that route is another change's).</summary>
    private async Task RateDownAsync(TestTenant tenant, JsonObject reply)
    {
        await using var connection = new NpgsqlConnection(world.Bob.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO bob_message_feedback (tenant_id, session_id, message_id, rating, created_at) VALUES ($1, $2, $3, -1, now())", connection);
        command.Parameters.Add(new() { Value = tenant.TenantId });
        command.Parameters.Add(new() { Value = reply["session_id"]!.GetValue<string>() });
        command.Parameters.Add(new() { Value = reply["message_id"]!.GetValue<string>() });
        await command.ExecuteNonQueryAsync();
    }
}
