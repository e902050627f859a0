using System.Net;
using System.Net.Http.Json;
using Bob.Browser.Tests.Infrastructure;
using Bob.Browser.Tests.Widget;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>Widget Setup in the portal: from signing up to a widget answering on the business's own site.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetSetupTests(BrowserWorld world)
{
    [Fact]
    public async Task Signed_up_in_the_browser_a_business_allows_its_site_copies_the_embed_code_and_the_widget_answers_there()
    {
        await using var session = await world.NewPageAsync();
        var page = session.Page;
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = world.Bob.ServerAddress.GetLeftPart(UriPartial.Authority) });
        await page.GotoAsync(world.BobUrl("/signup"));
        await page.GetByLabel("Business name").FillAsync("Kettle Corner");
        await page.GetByLabel("Your email").FillAsync($"owner-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync(ApiClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Widget setup" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/widget"));

        // A wrong origin is refused next to the field, and nothing is saved.
        var origins = page.GetByLabel("Allowed origins").First;
        await origins.FillAsync("shop dot example");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Save ") }).First.ClickAsync();
        await Expect(page.GetByLabel("Allowed origins").First).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("[id$='-origins-error']")).ToContainTextAsync("'shop dot example' is not an origin");

        var site = world.Site.Origin.GetLeftPart(UriPartial.Authority);
        await page.GetByLabel("Allowed origins").First.FillAsync(site);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Save ") }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved");
        await Expect(page.GetByLabel("Allowed origins").First).ToHaveValueAsync(site);

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy embed code" }).First.ClickAsync();
        await Expect(page.GetByText("Copied.")).ToBeVisibleAsync();
        var embedCode = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith($"<script src=\"{world.Bob.ServerAddress.GetLeftPart(UriPartial.Authority)}/widget/loader.js\" data-widget-key=\"pk_live_", embedCode);
        Assert.Empty(session.ScriptErrors());

        var host = world.Site.Publish(_ => new HostPage($"<!doctype html><html lang=\"en\"><head><title>Kettle Corner</title></head><body><h1>Kettle Corner</h1>{embedCode}</body></html>"));
        await using var visitor = await world.NewPageAsync();
        await visitor.Page.GotoAsync(host.ToString());
        var widget = new WidgetUi(visitor.Page);
        await widget.OpenAsync();
        var answer = await widget.SendAndAwaitAnswerAsync("Hello, do you sell kettles?");
        await Expect(answer).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task Rotating_and_revoking_ask_first_and_then_take_effect_at_once()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        await page.GotoAsync(world.BobUrl("/portal/widget"));
        await Expect(page.Locator("main")).ToContainTextAsync(tenant.WidgetKey);

        // Declining the confirmation changes nothing.
        page.Dialog += DismissOnce;
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(tenant.WidgetKey);
        page.Dialog -= DismissOnce;

        page.Dialog += AcceptAll;
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Key rotated");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(tenant.WidgetKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConfigAsync(tenant.WidgetKey)).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Key revoked");
        await Expect(page.GetByText("You have no widget key")).ToBeVisibleAsync();
        var keys = await world.Bob.Bearer(tenant.Token).GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/widget-keys");
        Assert.Empty(keys!);

        await page.GetByLabel("Key name").FillAsync("Second site");
        await page.GetByLabel("Allowed origins").FillAsync("https://second.example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second site" })).ToBeVisibleAsync();
        Assert.Empty(session.ScriptErrors());

        static void DismissOnce(object? sender, IDialog dialog) => _ = dialog.DismissAsync();
        static void AcceptAll(object? sender, IDialog dialog) => _ = dialog.AcceptAsync();
    }

    [Fact]
    public async Task A_signed_out_visit_lands_on_login_and_returns_to_widget_setup_and_an_agent_gets_the_403_page()
    {
        var tenant = await world.Bob.SignupAsync();
        await using (var session = await world.NewPageAsync())
        {
            await session.Page.GotoAsync(world.BobUrl("/portal/widget"));
            await Expect(session.Page).ToHaveURLAsync(world.BobUrl("/login?returnUrl=%2Fportal%2Fwidget"));
            await session.LogInAsync(tenant.OwnerEmail, tenant.Password);
            await Expect(session.Page).ToHaveURLAsync(world.BobUrl("/portal/widget"));
            await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Widget setup");
        }

        var agent = await world.Bob.AddMemberAsync(tenant, "agent");
        await using var agentSession = await world.SignedInAsync(agent["user"]!["email"]!.GetValue<string>(), ApiClient.Password);
        Assert.Equal("/mission-control", new Uri(agentSession.Page.Url).AbsolutePath);
        var response = await agentSession.Page.GotoAsync(world.BobUrl("/portal/widget"));
        Assert.Equal(403, response!.Status);
        await Expect(agentSession.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        await Expect(agentSession.Page.GetByRole(AriaRole.Link, new() { Name = "Widget setup" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Widget_setup_passes_accessibility_weight_and_phone_checks()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await owner.CheckPageAsync(world.BobUrl("/portal/widget"), "portal-widget");
    }

    private Task<HttpResponseMessage> ConfigAsync(string key)
    {
        var client = world.Bob.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", world.Site.Origin.GetLeftPart(UriPartial.Authority));
        return client.GetAsync($"/api/widget/config?key={key}");
    }
}
