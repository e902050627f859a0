using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The platform admin through the API, to set up and check what the Admin Dashboard's pages do.</summary>
public static class AdminApi
{
    public static async Task<HttpClient> AdminClientAsync(this BrowserWorld world) =>
        world.Bob.Bearer((await world.Bob.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword))["token"]!.GetValue<string>());

    public static async Task<JsonObject> LivePricebookAsync(this BrowserWorld world) =>
        await (await world.Bob.CreateClient().GetAsync("/api/pricebook")).JsonAsync();

    public static JsonObject PlanOf(JsonNode pricebook, string id) =>
        pricebook["plans"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == id)!.AsObject();

    /// <summary>The open draft's version, or null. The pricebook is one for the whole app, so a test that leaves a draft open
    /// would block the next one: tests discard what they find.</summary>
    public static async Task DiscardOpenDraftAsync(this HttpClient admin)
    {
        var drafts = (await admin.GetFromJsonAsync<JsonArray>("/api/pricebook/drafts"))!;
        foreach (var draft in drafts)
        {
            var deleted = await admin.DeleteAsync($"/api/pricebook/drafts/{draft!["version"]!.GetValue<int>()}");
            Assert.Equal(204, (int)deleted.StatusCode);
        }
    }

    /// <summary>Publishes a copy of the live version with one plan's price changed; returns the published version.</summary>
    public static async Task<JsonObject> PublishPriceAsync(this HttpClient admin, string planId, decimal price)
    {
        await admin.DiscardOpenDraftAsync();
        var created = await admin.PostAsJsonAsync("/api/pricebook/drafts", new JsonObject());
        Assert.Equal(201, (int)created.StatusCode);
        var draft = await created.JsonAsync();
        var version = draft["version"]!.GetValue<int>();
        PlanOf(draft, planId)["priceUsdMonthly"] = price;
        var updated = await admin.PutAsJsonAsync($"/api/pricebook/drafts/{version}", new JsonObject { ["plans"] = draft["plans"]!.DeepClone() });
        Assert.Equal(200, (int)updated.StatusCode);
        var published = await admin.PostAsync($"/api/pricebook/drafts/{version}/publish", null);
        Assert.Equal(200, (int)published.StatusCode);
        return await published.JsonAsync();
    }
}
