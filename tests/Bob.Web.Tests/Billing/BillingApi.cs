using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Billing;

/// <summary>The platform admin's client and the seed's pricebook, shared by the billing tests.</summary>
public static class BillingApi
{
    private static readonly ConditionalWeakTable<BobWebApp, Task<string>> AdminTokens = [];

    /// <summary>A bearer client for the platform admin (one login per app: logins are slow on purpose).</summary>
    public static async Task<HttpClient> AdminAsync(this BobWebApp app)
    {
        var token = await AdminTokens.GetValue(app, async a => (await a.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword))["token"]!.GetValue<string>());
        return app.Bearer(token);
    }

    /// <summary>The seed's V1 plans as sent to the API, to change one field at a time.</summary>
    public static JsonArray SeedPlans() =>
    [
        Plan("starter", "Starter", 79, 15000, 3, 1, "email"),
        Plan("pro", "Pro", 249, 75000, 10, 3, "priority"),
        Plan("enterprise", "Enterprise", 899, 250000, null, 10, "dedicated"),
    ];

    public static JsonObject Plan(string id, string name, decimal price, int credits, int? seats, int integrations, string support) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["priceUsdMonthly"] = price,
        ["includedCredits"] = credits,
        ["seats"] = seats,
        ["integrations"] = integrations,
        ["support"] = support,
    };

    public static JsonObject PlanOf(JsonNode pricebook, string id) =>
        pricebook["plans"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == id)!.AsObject();

    /// <summary>Opens a draft with <paramref name="plans"/> and publishes it; returns the published version.</summary>
    public static async Task<JsonObject> PublishAsync(this BobWebApp app, JsonArray plans)
    {
        var admin = await app.AdminAsync();
        var draft = await admin.PostAsJsonAsync("/api/pricebook/drafts", new JsonObject { ["plans"] = plans });
        Assert.Equal(201, (int)draft.StatusCode);
        var version = (await draft.JsonAsync())["version"]!.GetValue<int>();
        var published = await admin.PostAsync($"/api/pricebook/drafts/{version}/publish", null);
        Assert.Equal(200, (int)published.StatusCode);
        return await published.JsonAsync();
    }
}
