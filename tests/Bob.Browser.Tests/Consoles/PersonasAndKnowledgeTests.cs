using Bob.Browser.Tests.Infrastructure;
using Bob.Browser.Tests.Widget;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>Shaping the assistant in the portal: its persona (the widget shows the new name) and its knowledge (cited next).</summary>
[Collection(BrowserCollection.Name)]
public sealed class PersonasAndKnowledgeTests(BrowserWorld world)
{
    [Fact]
    public async Task Renaming_the_active_persona_in_the_portal_changes_the_name_the_widget_shows()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = owner.Page;
        await page.GotoAsync(world.BobUrl("/portal/personas"));

        var active = page.Locator("section.card").Filter(new() { HasText = "active" }).First;
        await active.GetByLabel("Name").FillAsync("");
        await active.GetByRole(AriaRole.Button, new() { NameRegex = new("^Save ") }).ClickAsync();
        await Expect(page.Locator("section.card").First.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("section.card").First.Locator(".field.invalid .error")).ToContainTextAsync("name");

        active = page.Locator("section.card").First;
        await active.GetByLabel("Name").FillAsync("Zora");
        await active.GetByLabel("playful").CheckAsync();
        await active.GetByRole(AriaRole.Button, new() { NameRegex = new("^Save ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved as a new version");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zora active" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Versions (2)")).ToBeVisibleAsync();
        Assert.Empty(owner.ScriptErrors());

        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        await visit.Widget.OpenAsync();
        await Expect(visit.Page.Locator("bob-widget .title")).ToContainTextAsync("Zora");
    }

    [Fact]
    public async Task An_article_added_in_the_portal_is_cited_by_the_next_answer_to_a_tried_question()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = owner.Page;
        await page.GotoAsync(world.BobUrl("/portal/knowledge"));

        var form = page.Locator("section.card").Filter(new() { HasText = "New article" });
        await form.GetByLabel("Title").FillAsync(WidgetTenants.ArticleTitle);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add article" }).ClickAsync();
        await Expect(page.Locator("#new-content")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#new-content-error")).ToContainTextAsync("content must be");

        form = page.Locator("section.card").Filter(new() { HasText = "New article" });
        await form.GetByLabel("Content").FillAsync("The Zorblax kettle comes with a warranty of two years from the date of purchase.");
        await form.GetByLabel("Tags").FillAsync("warranty, kettles");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add article" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Article added");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = WidgetTenants.ArticleTitle })).ToBeVisibleAsync();
        await Expect(page.Locator(".tags li")).ToHaveTextAsync(new[] { "warranty", "kettles" });

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Question" }).FillAsync(WidgetTenants.Question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var answer = page.Locator("#try-answer .msg.assistant");
        await Expect(answer).ToContainTextAsync(WidgetTenants.AnswerFragment);
        await Expect(answer.Locator(".cite")).ToHaveTextAsync("Source: " + WidgetTenants.ArticleTitle);
        Assert.Empty(owner.ScriptErrors());
    }

    [Fact]
    public async Task Personas_and_knowledge_pages_pass_accessibility_weight_and_phone_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await world.AddWarrantyArticleAsync(tenant);
        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await owner.CheckPageAsync(world.BobUrl("/portal/personas"), "portal-personas");
        await owner.CheckPageAsync(world.BobUrl("/portal/knowledge"), "portal-knowledge");
    }
}
