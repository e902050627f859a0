using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;

namespace Bob.Browser.Tests.Widget;

/// <summary>Tenants set up through Bob's own HTTP API, as a business would in the portal.</summary>
public static class WidgetTenants
{
    public const string Question = "How long is the warranty on the Zorblax kettle?";
    public const string AnswerFragment = "two years";
    public const string ArticleTitle = "Zorblax kettle warranty";

    /// <summary>A tenant whose signup website is the host site, so its first widget key allows the host's origin.</summary>
    public static Task<TestTenant> SignupForHostSiteAsync(this BrowserWorld world) =>
        world.Bob.SignupAsync(website: world.Site.Origin.GetLeftPart(UriPartial.Authority));

    /// <summary>A knowledge article the assistant grounds <see cref="Question"/> on (and cites).</summary>
    public static async Task AddWarrantyArticleAsync(this BrowserWorld world, TestTenant tenant)
    {
        var response = await world.Bob.Bearer(tenant.Token).PostAsJsonAsync("/api/knowledge", new
        {
            title = ArticleTitle,
            content = "The Zorblax kettle comes with a warranty of two years from the date of purchase.",
            tags = new[] { "warranty" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<JsonObject> AgentReplyAsync(this BrowserWorld world, TestTenant tenant, string sessionId, string message)
    {
        var response = await world.Bob.Bearer(tenant.Token).PostAsJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<JsonObject> TranscriptAsync(this BrowserWorld world, TestTenant tenant, string sessionId)
    {
        var response = await world.Bob.Bearer(tenant.Token).GetAsync($"/api/chat/sessions/{sessionId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task SetAppearanceAsync(this BrowserWorld world, TestTenant tenant, object appearance)
    {
        var response = await world.Bob.Bearer(tenant.Token).PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new { appearance });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
