using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;
using Bob.Browser.Tests.Widget;
using Bob.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Demo;

/// <summary><c>deploy/run.sh --demo</c>: the node sets the sample shop up through its own public API and serves the
/// shop's page on another origin, where the widget answers from the shop's articles.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoShopTests(BrowserWorld world, DemoBobApp bob) : IClassFixture<DemoBobApp>
{
    [Fact]
    public async Task The_demo_shop_page_answers_on_its_own_origin_and_a_second_run_changes_nothing()
    {
        using var http = new HttpClient();
        var page = await Eventually.ReturnsAsync(() => http.GetAsync(bob.ShopUrl), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60));
        Assert.True(page.IsSuccessStatusCode, $"the shop page did not open: {(int)page.StatusCode}");
        Assert.NotEqual(bob.ShopUrl.GetLeftPart(UriPartial.Authority), bob.ServerAddress.GetLeftPart(UriPartial.Authority));

        await using var session = await world.NewPageAsync();
        var widget = new WidgetUi(session.Page);
        await session.Page.GotoAsync(bob.ShopUrl.ToString());
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoContent.BusinessName);
        await widget.OpenAsync();
        await Expect(session.Page.Locator("bob-widget #bob-title")).ToHaveTextAsync(DemoContent.PersonaName);
        var answer = await widget.SendAndAwaitAnswerAsync("How long does shipping take?");
        await Expect(answer).Not.ToBeEmptyAsync();
        await Expect(session.Page.Locator("bob-widget .msg.assistant .sources").Last).ToContainTextAsync("Shipping times and costs");
        Assert.Empty(session.PageErrors);
        await session.ScreenshotAsync("demo-shop");

        // What a second `deploy/run.sh --demo` does: the same seeding, through the same API, finds everything there.
        var shopHtml = await page.Content.ReadAsStringAsync();
        var owner = await OwnerAsync();
        var before = await CountsAsync(owner);
        using var again = new HttpClient { BaseAddress = bob.ServerAddress };
        var secondKey = await DemoSeeder.SeedAsync(again, new DemoOptions { ShopUrl = bob.ShopUrl.ToString(), OwnerEmail = DemoBobApp.OwnerEmail, OwnerPassword = DemoBobApp.OwnerPassword },
            bob.ShopUrl.GetLeftPart(UriPartial.Authority), CancellationToken.None);

        Assert.Contains($"data-widget-key=\"{secondKey}\"", shopHtml, StringComparison.Ordinal);
        Assert.Equal((DemoContent.Articles.Count, 1, 1), before);
        Assert.Equal(before, await CountsAsync(owner));
    }

    private async Task<HttpClient> OwnerAsync()
    {
        var login = await bob.LoginAsync(DemoBobApp.OwnerEmail, DemoBobApp.OwnerPassword);
        return bob.Bearer(login["token"]!.GetValue<string>());
    }

    /// <summary>Articles, personas named like the demo's, widget keys.</summary>
    private static async Task<(int Articles, int Personas, int Keys)> CountsAsync(HttpClient owner)
    {
        var articles = (await owner.GetFromJsonAsync<JsonArray>("/api/knowledge"))!.Count;
        var personas = (await owner.GetFromJsonAsync<JsonArray>("/api/personas"))!.Count(p => p!["name"]!.GetValue<string>() == DemoContent.PersonaName);
        var keys = (await owner.GetFromJsonAsync<JsonArray>("/api/widget-keys"))!.Count;
        return (articles, personas, keys);
    }
}
