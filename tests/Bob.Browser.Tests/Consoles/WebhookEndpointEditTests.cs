using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;
using Bob.Testing.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>An endpoint's page: edit its URL, events and description, and rotate its secret (the new one shown once, the
/// old one's overlap shown with its end time).</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookEndpointEditTests(BrowserWorld world)
{
    [Fact]
    public async Task An_owner_edits_an_endpoint_then_rotates_its_secret_and_the_next_event_is_signed_with_both_secrets()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var first = await WebhookReceiver.StartAsync();
        await using var second = await WebhookReceiver.StartAsync();
        var owner = world.Bob.Bearer(tenant.Token);
        var created = await owner.PostAsJsonAsync("/api/webhooks", new { url = first.Url, events = new[] { "persona.updated" }, description = "CRM sync" });
        Assert.Equal(201, (int)created.StatusCode);
        var endpoint = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var endpointId = endpoint["id"]!.GetValue<string>();
        var oldSecret = endpoint["secret"]!.GetValue<string>();

        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync(world.BobUrl($"/portal/webhooks/{endpointId}"));
        var edit = page.Locator("section.card").Filter(new() { HasText = "Edit endpoint" });
        await Expect(edit.GetByLabel("URL")).ToHaveValueAsync(first.Url.ToString());
        await Expect(edit.GetByLabel("persona.updated")).ToBeCheckedAsync();
        await Expect(page.Locator("#secret-state")).ToContainTextAsync("Shown once");

        await edit.GetByLabel("URL").FillAsync(second.Url.ToString());
        await edit.GetByLabel("message.created").CheckAsync();
        await edit.GetByLabel("Description (optional)").FillAsync("CRM sync, moved");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save endpoint" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Endpoint saved.");
        await Expect(page.Locator(".facts")).ToContainTextAsync(second.Url.ToString());
        await Expect(page.Locator(".facts")).ToContainTextAsync("message.created");
        await Expect(page.Locator(".facts")).ToContainTextAsync("persona.updated");
        await Expect(page.Locator(".facts")).ToContainTextAsync("CRM sync, moved");
        var saved = (await owner.GetFromJsonAsync<JsonObject>($"/api/webhooks/{endpointId}"))!;
        Assert.Equal(second.Url.ToString(), saved["url"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        await Expect(page.Locator("#rotated")).ToContainTextAsync("shown only now");
        var newSecret = await page.Locator("#webhook-secret").TextContentAsync();
        Assert.StartsWith("whsec_", newSecret);
        Assert.NotEqual(oldSecret, newSecret);
        await Expect(page.Locator("#secret-state")).ToContainTextAsync("the previous secret also signs every post until");
        var ends = DateTimeOffset.Parse((await page.Locator("#secret-state time").GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        Assert.InRange(ends - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24.1));

        // The page's answer is the POST's own: a reload shows the overlap but never the secret again.
        await page.GotoAsync(world.BobUrl($"/portal/webhooks/{endpointId}"));
        await Expect(page.Locator("#rotated")).ToHaveCountAsync(0);
        await Expect(page.Locator("#secret-state time")).ToHaveAttributeAsync("datetime", ends.ToString("O", CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        var received = Assert.Single(await second.WaitAsync(r => r.Count >= 1));
        Assert.Equal(2, received.Signature.Split(' ').Length);
        Assert.Empty(first.Received);
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task A_bad_edit_is_shown_next_to_its_fields_and_the_endpoint_page_passes_the_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await world.Bob.Bearer(tenant.Token).PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events = new[] { "persona.updated" } });
        var endpointId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        var page = session.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync(world.BobUrl($"/portal/webhooks/{endpointId}"));
        var edit = page.Locator("section.card").Filter(new() { HasText = "Edit endpoint" });
        await edit.GetByLabel("URL").FillAsync("not a url");
        await edit.GetByLabel("persona.updated").UncheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save endpoint" }).ClickAsync();
        await Expect(edit.GetByLabel("URL")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#events-error")).ToContainTextAsync("events must name at least one");
        await Expect(edit.GetByLabel("URL")).ToHaveValueAsync("not a url");
        var stored = (await world.Bob.Bearer(tenant.Token).GetFromJsonAsync<JsonObject>($"/api/webhooks/{endpointId}"))!;
        Assert.Equal(receiver.Url.ToString(), stored["url"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        await session.CheckPageAsync(world.BobUrl($"/portal/webhooks/{endpointId}"), "portal-webhook-rotated");
    }
}
