using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Admin Dashboard's pricebook: a draft from the live version, edited with field errors, its diff, and publish.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPricebookTests(BrowserWorld world)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task The_platform_admin_drafts_a_price_change_sees_its_diff_publishes_it_and_the_home_page_shows_it()
    {
        var api = await world.AdminClientAsync();
        await api.DiscardOpenDraftAsync();
        var live = await world.LivePricebookAsync();
        var liveVersion = live["version"]!.GetValue<int>();
        var oldPrice = AdminApi.PlanOf(live, "pro")["priceUsdMonthly"]!.GetValue<decimal>();
        var newPrice = oldPrice + 2;

        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var page = admin.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync(world.BobUrl("/admin/pricebook"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pricebook" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tenants" })).Not.ToHaveAttributeAsync("aria-current", "page");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Create a draft from version {liveVersion}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft created");
        await Expect(page.Locator("#no-changes")).ToBeVisibleAsync();

        // A rule of the pricebook (the grain's): the error sits next to its field and nothing is stored.
        var pro = page.GetByRole(AriaRole.Group, new() { NameRegex = new("\\(pro\\)") });
        await pro.GetByLabel("Price a month (US$)").FillAsync("-5");
        var saved = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, saved.Status);
        await AssertErrorNextToAsync(page, pro.GetByLabel("Price a month (US$)"), "priceUsdMonthly must be 0..100000 US dollars in whole cents");
        await Expect(pro.GetByLabel("Price a month (US$)")).ToHaveValueAsync("-5");
        // A type the form alone can get wrong: words for a number.
        await pro.GetByLabel("Price a month (US$)").FillAsync(newPrice.ToString(CultureInfo.InvariantCulture));
        await pro.GetByLabel("Seats").FillAsync("lots");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await AssertErrorNextToAsync(page, pro.GetByLabel("Seats"), "seats must be a whole number, or unlimited");
        var draft = (await api.GetFromJsonAsync<JsonArray>("/api/pricebook/drafts"))!.Single()!;
        Assert.Equal(oldPrice, AdminApi.PlanOf(draft, "pro")["priceUsdMonthly"]!.GetValue<decimal>());
        Assert.Equal(AdminApi.PlanOf(live, "pro")["seats"]!.GetValue<int>(), AdminApi.PlanOf(draft, "pro")["seats"]!.GetValue<int>());

        await pro.GetByLabel("Seats").FillAsync(AdminApi.PlanOf(live, "pro")["seats"]!.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved");
        var rows = page.Locator("#diff tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-plan", "pro");
        await Expect(rows.First).ToHaveAttributeAsync("data-field", "priceUsdMonthly");
        await Expect(rows.First.Locator("del")).ToHaveTextAsync(Dollars(oldPrice));
        await Expect(rows.First.Locator("ins")).ToHaveTextAsync(Dollars(newPrice));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Publish version {liveVersion + 1}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Live: version {liveVersion + 1}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Create a draft from version {liveVersion + 1}" })).ToBeVisibleAsync();
        var published = await world.LivePricebookAsync();
        Assert.Equal(liveVersion + 1, published["version"]!.GetValue<int>());
        Assert.Equal(newPrice, AdminApi.PlanOf(published, "pro")["priceUsdMonthly"]!.GetValue<decimal>());

        await page.GotoAsync(world.BobUrl("/"));
        await Expect(page.Locator("[data-plan='pro'] [data-field='priceUsdMonthly']")).ToHaveTextAsync(Dollars(newPrice));
        Assert.Empty(admin.ScriptErrors());
    }

    [Fact]
    public async Task An_owner_gets_the_403_page_and_cannot_post_a_draft_and_the_pricebook_page_passes_the_checks()
    {
        var api = await world.AdminClientAsync();
        await api.DiscardOpenDraftAsync();
        var tenant = await world.Bob.SignupAsync();
        await using (var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password))
        {
            var response = await owner.Page.GotoAsync(world.BobUrl("/admin/pricebook"));
            Assert.Equal(403, response!.Status);
            await Expect(owner.Page.GetByRole(AriaRole.Link, new() { Name = "Pricebook" })).ToHaveCountAsync(0);
        }
        var posted = await world.CookieClient(tenant.Token).PostAsync("/admin/pricebook/drafts", new FormUrlEncodedContent([new("_csrf", tenant.CsrfToken)]));
        Assert.Equal(403, (int)posted.StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<JsonArray>("/api/pricebook/drafts"))!);

        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword, bypassCsp: true);
        await admin.CheckPageAsync(world.BobUrl("/admin/pricebook"), "admin-pricebook");
        var created = await api.PostAsJsonAsync("/api/pricebook/drafts", new JsonObject());
        Assert.Equal(201, (int)created.StatusCode);
        try
        {
            await admin.CheckPageAsync(world.BobUrl("/admin/pricebook"), "admin-pricebook-draft");
        }
        finally
        {
            await api.DiscardOpenDraftAsync();
        }
    }

    /// <summary>A price as the pages write it: whole dollars without cents, otherwise with two.</summary>
    private static string Dollars(decimal usd) => usd.ToString(usd == decimal.Truncate(usd) ? "$#,0" : "$#,0.00", Us);

    private static async Task AssertErrorNextToAsync(IPage page, ILocator field, string message)
    {
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = (await field.GetAttributeAsync("aria-describedby"))!.Split(' ').Last();
        await Expect(page.Locator("#" + describedBy)).ToContainTextAsync(message);
    }
}
