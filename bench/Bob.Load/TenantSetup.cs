using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bob.Load;

/// <summary>Signs up one tenant with a knowledge article and returns its widget key (allowed on <c>origin</c>).</summary>
public static class TenantSetup
{
    public static async Task<string> CreateAsync(HttpClient client, string origin, bool? piiRedaction)
    {
        var email = $"load-{Guid.NewGuid():N}@example.com";
        var signup = await client.PostAsJsonAsync("/api/auth/signup", new { businessName = "Load Test Shop", email, password = "load-test-password", website = origin });
        signup.EnsureSuccessStatusCode();
        var widgetKey = (await signup.Content.ReadFromJsonAsync<JsonObject>())!["widgetKey"]!["key"]!.GetValue<string>();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "load-test-password" })).Content.ReadFromJsonAsync<JsonObject>();
        using var article = new HttpRequestMessage(HttpMethod.Post, "/api/knowledge")
        {
            Content = JsonContent.Create(new { title = "Shipping", content = "We ship worldwide within 3 business days. Shipping is free over 50 euros.", tags = new[] { "shipping" } }),
        };
        article.Headers.Authorization = new("Bearer", login!["token"]!.GetValue<string>());
        (await client.SendAsync(article)).EnsureSuccessStatusCode();
        if (piiRedaction is { } redact)
        {
            using var governance = new HttpRequestMessage(HttpMethod.Put, "/api/governance")
            {
                Content = JsonContent.Create(new { blockedTopics = Array.Empty<string>(), piiRedaction = redact, handoffKeywords = Array.Empty<string>(), creditPolicy = "hard_stop", publicChat = false }),
            };
            governance.Headers.Authorization = new("Bearer", login["token"]!.GetValue<string>());
            (await client.SendAsync(governance)).EnsureSuccessStatusCode();
        }
        return widgetKey;
    }
}
