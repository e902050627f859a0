using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;
using Bob.Browser.Tests.Widget;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Playground: a multi-turn console conversation with the tenant's own assistant, its citations, credits and
/// guardrails, kept in Mission Control.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaygroundTests(BrowserWorld world)
{
    [Fact]
    public async Task An_owner_holds_a_three_turn_conversation_with_citations_credits_and_a_guardrail_and_finds_it_in_Mission_Control()
    {
        var tenant = await world.Bob.SignupAsync();
        await world.AddWarrantyArticleAsync(tenant);
        (await world.Bob.Bearer(tenant.Token).PutAsJsonAsync("/api/governance", new
        {
            blockedTopics = Array.Empty<string>(), piiRedaction = true, handoffKeywords = Array.Empty<string>(),
            creditPolicy = "hard_stop", retentionDays = (int?)null, publicChat = false,
        })).EnsureSuccessStatusCode();
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Playground", Exact = true }).First.ClickAsync();
        await Expect(page.GetByLabel("Persona")).ToContainTextAsync("(active)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/playground/[A-Za-z0-9_-]+$"));
        var conversationId = new Uri(page.Url).Segments[^1];

        string[] questions =
        [
            WidgetTenants.Question,
            "My email is ada@example.com: how long is the warranty on the Zorblax kettle?",
            "Does the Zorblax kettle warranty last two years?",
        ];
        for (var turn = 0; turn < questions.Length; turn++)
        {
            await page.GetByLabel("Your message").FillAsync(questions[turn]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            var answers = page.Locator("#playground-log [data-role='assistant']");
            await Expect(answers).ToHaveCountAsync(turn + 1);
            await Expect(answers.Nth(turn)).ToContainTextAsync(WidgetTenants.AnswerFragment);
            await Expect(answers.Nth(turn).Locator("[data-citation]")).ToHaveTextAsync("Source: " + WidgetTenants.ArticleTitle);
            await Expect(page.Locator("#last-turn [data-field='credits']")).Not.ToHaveTextAsync("0");
            await Expect(page.Locator("#guardrails")).ToHaveTextAsync(turn == 1 ? "personal data masked before it was stored." : "none fired.");
        }
        await Expect(page.Locator("#playground-log [data-role='visitor']").Nth(1)).ToContainTextAsync("[email]");
        await Expect(page.Locator("#playground-log [data-role='visitor']").Nth(1)).Not.ToContainTextAsync("ada@example.com");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mission Control", Exact = true }).First.ClickAsync();
        var row = page.Locator($"tr[data-session='{conversationId}']");
        await Expect(row).ToContainTextAsync("Playground");
        await Expect(row.Locator("[data-count]")).ToHaveTextAsync("6");
        var transcript = (await world.Bob.Bearer(tenant.Token).GetFromJsonAsync<JsonObject>($"/api/chat/sessions/{conversationId}"))!;
        Assert.Equal("console", transcript["channel"]!.GetValue<string>());
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task A_blank_message_is_shown_next_to_its_field_and_nothing_is_sent_and_a_viewer_gets_the_403_page()
    {
        var tenant = await world.Bob.SignupAsync();
        await world.AssertForbiddenAsync(tenant, "viewer", "/portal/playground", "Playground");
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        var page = session.Page;
        await session.CheckPageAsync(world.BobUrl("/portal/playground"), "portal-playground");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start conversation" }).ClickAsync();
        await page.GetByLabel("Your message").FillAsync("   ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.GetByLabel("Your message")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#message-error")).ToContainTextAsync("message is required");
        await Expect(page.Locator("#playground-log [data-message]")).ToHaveCountAsync(0);
        await session.CheckPageAsync(page.Url, "portal-playground-conversation");
    }
}
