using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The home page's pricebook: the live version's figures, as GET /api/pricebook has them, and a publish shown at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPricebookTests(BrowserWorld world)
{
    [Fact]
    public async Task The_home_page_shows_the_live_pricebook_and_a_new_published_version_on_the_next_load()
    {
        await using var session = await world.NewPageAsync();
        var page = session.Page;
        await page.GotoAsync(world.BobUrl("/"));
        var live = await world.LivePricebookAsync();
        var plans = page.Locator(".plans");
        await Expect(plans).ToHaveAttributeAsync("data-pricebook-version", live["version"]!.ToString());
        var starter = page.Locator("[data-plan='starter']");
        await Expect(starter.GetByRole(AriaRole.Heading)).ToHaveTextAsync(AdminApi.PlanOf(live, "starter")["name"]!.GetValue<string>());
        await Expect(starter.Locator("[data-field='includedCredits']")).ToHaveTextAsync(AdminApi.PlanOf(live, "starter")["includedCredits"]!.GetValue<int>().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        await Expect(page.Locator("[data-plan='enterprise'] [data-field='seats']")).ToHaveTextAsync(
            AdminApi.PlanOf(live, "enterprise")["seats"] is null ? "Unlimited" : AdminApi.PlanOf(live, "enterprise")["seats"]!.ToString());

        var admin = await world.AdminClientAsync();
        var newPrice = AdminApi.PlanOf(live, "pro")["priceUsdMonthly"]!.GetValue<decimal>() + 1.5m;
        var published = await admin.PublishPriceAsync("pro", newPrice);

        await page.ReloadAsync();
        await Expect(plans).ToHaveAttributeAsync("data-pricebook-version", published["version"]!.ToString());
        await Expect(page.Locator("[data-plan='pro'] [data-field='priceUsdMonthly']")).ToHaveTextAsync(newPrice.ToString("$#,0.00", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        Assert.Empty(session.ScriptErrors());
    }
}
