using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;
using Bob.Testing.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Webhooks pages: register an endpoint (secret shown once), see its deliveries, redeliver, disable, delete.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhooksPageTests(BrowserWorld world)
{
    [Fact]
    public async Task An_owner_registers_a_receiver_sees_an_event_delivered_redelivers_it_then_disables_and_deletes_the_endpoint()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).First.ClickAsync();
        await Expect(page.Locator("#no-endpoints")).ToBeVisibleAsync();

        await page.GetByLabel("URL").FillAsync(receiver.Url.ToString());
        await page.GetByLabel("Description (optional)").FillAsync("CRM sync");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register endpoint" }).ClickAsync();
        await Expect(page.Locator("#created")).ToContainTextAsync("shown only now");
        var secret = await page.Locator("#webhook-secret").TextContentAsync();
        Assert.StartsWith("whsec_", secret);
        await Expect(page.Locator("tr[data-endpoint]")).ToHaveCountAsync(1);

        // A persona change raises persona.updated; the receiver gets it and the endpoint's page lists the delivery.
        var owner = world.Bob.Bearer(tenant.Token);
        var personaId = (await owner.GetFromJsonAsync<JsonArray>("/api/personas"))![0]!["id"]!.GetValue<string>();
        (await owner.PutAsJsonAsync($"/api/personas/{personaId}", new { name = "Ada", description = "", tone = "friendly", systemPrompt = "" })).EnsureSuccessStatusCode();
        var first = Assert.Single(await receiver.WaitAsync(r => r.Count >= 1));
        Assert.Equal("persona.updated", first.Type);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open its deliveries" }).ClickAsync();
        var row = page.Locator("tr[data-delivery]").First;
        await Eventually.ReturnsAsync(async () =>
        {
            await page.ReloadAsync();
            return await row.TextContentAsync(new() { Timeout = 5_000 }) ?? "";
        }, text => text.Contains("delivered", StringComparison.Ordinal));
        await Expect(row).ToContainTextAsync("persona.updated");
        await Expect(row).ToContainTextAsync("HTTP 200");
        await Expect(row.Locator("[data-attempts]")).ToHaveTextAsync("1");

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new("^Redeliver") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Delivery queued again");
        var both = await receiver.WaitAsync(r => r.Count >= 2);
        Assert.Equal(2, both.Count);
        Assert.Equal(first.Id, both[1].Id);

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(page.Locator("#endpoint-status")).ToContainTextAsync("disabled");
        await Expect(page.Locator("#endpoint-status")).ToContainTextAsync("turned off by a team member");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete endpoint" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/webhooks?done=deleted"));
        await Expect(page.Locator("#no-endpoints")).ToBeVisibleAsync();
        Assert.Empty(await owner.GetFromJsonAsync<JsonArray>("/api/webhooks") ?? []);
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task A_bad_url_and_no_events_are_shown_next_to_their_fields_and_nothing_is_registered()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        await page.GotoAsync(world.BobUrl("/portal/webhooks"));
        await page.GetByLabel("URL").FillAsync("not a url");
        foreach (var box in await page.Locator("input[name='events']").AllAsync())
        {
            await box.UncheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Register endpoint" }).ClickAsync();

        await Expect(page.GetByLabel("URL")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#url-error")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#events-error")).ToContainTextAsync("events must name at least one");
        await Expect(page.GetByLabel("URL")).ToHaveValueAsync("not a url");
        await Expect(page.Locator("#created")).ToHaveCountAsync(0);
        Assert.Empty(await world.Bob.Bearer(tenant.Token).GetFromJsonAsync<JsonArray>("/api/webhooks") ?? []);
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task An_agent_gets_the_403_page_and_the_webhooks_pages_pass_the_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await world.AssertForbiddenAsync(tenant, "agent", "/portal/webhooks", "Webhooks");

        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await world.Bob.Bearer(tenant.Token).PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events = new[] { "persona.updated" } });
        Assert.Equal(201, (int)created.StatusCode);
        var endpointId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await world.Bob.Bearer(tenant.Token).PostAsync($"/api/webhooks/{endpointId}/test", null)).EnsureSuccessStatusCode();
        await receiver.WaitAsync(r => r.Count >= 1);

        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await owner.CheckPageAsync(world.BobUrl("/portal/webhooks"), "portal-webhooks");
        await owner.CheckPageAsync(world.BobUrl($"/portal/webhooks/{endpointId}"), "portal-webhook-deliveries");
    }
}
