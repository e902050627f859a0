using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bob.Load;

/// <summary>Signs up one tenant with a knowledge article and returns its widget key (allowed on <c>origin</c>); with a
/// <c>webhook</c> URL, registers it for <c>conversation.started</c> and <c>message.created</c>.</summary>
public static class TenantSetup
{
    public static async Task<string> CreateAsync(HttpClient client, string origin, Uri? webhook = null, bool? piiRedaction = null) =>
        (await CreateTenantAsync(client, origin, webhook, piiRedaction)).WidgetKey;

    /// <summary>As <see cref="CreateAsync"/>, with the tenant's id (the fault run audits its transcript rows by it).</summary>
    public static async Task<LoadTenant> CreateTenantAsync(HttpClient client, string origin, Uri? webhook = null, bool? piiRedaction = null)
    {
        var email = $"load-{Guid.NewGuid():N}@example.com";
        var signup = await client.PostAsJsonAsync("/api/auth/signup", new { businessName = "Load Test Shop", email, password = "load-test-password", website = origin });
        signup.EnsureSuccessStatusCode();
        var signedUp = (await signup.Content.ReadFromJsonAsync<JsonObject>())!;
        var widgetKey = signedUp["widgetKey"]!["key"]!.GetValue<string>();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "load-test-password" })).Content.ReadFromJsonAsync<JsonObject>();
        using var article = new HttpRequestMessage(HttpMethod.Post, "/api/knowledge")
        {
            Content = JsonContent.Create(new { title = "Shipping", content = "We ship worldwide within 3 business days. Shipping is free over 50 euros.", tags = new[] { "shipping" } }),
        };
        article.Headers.Authorization = new("Bearer", login!["token"]!.GetValue<string>());
        (await client.SendAsync(article)).EnsureSuccessStatusCode();
        if (webhook is not null)
        {
            using var register = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks")
            {
                Content = JsonContent.Create(new { url = webhook, events = new[] { "conversation.started", "message.created" } }),
            };
            register.Headers.Authorization = new("Bearer", login!["token"]!.GetValue<string>());
            var registered = await client.SendAsync(register);
            if (!registered.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Registering the webhook failed ({(int)registered.StatusCode}): {await registered.Content.ReadAsStringAsync()}. " +
                    "The target must run with Bob__Webhooks__AllowPrivateNetworks=true.");
            }
        }
        if (piiRedaction is { } redact)
        {
            using var governance = new HttpRequestMessage(HttpMethod.Put, "/api/governance")
            {
                Content = JsonContent.Create(new { blockedTopics = Array.Empty<string>(), piiRedaction = redact, handoffKeywords = Array.Empty<string>(), creditPolicy = "hard_stop", publicChat = false }),
            };
            governance.Headers.Authorization = new("Bearer", login!["token"]!.GetValue<string>());
            (await client.SendAsync(governance)).EnsureSuccessStatusCode();
        }
        return new LoadTenant(signedUp["tenant"]!["id"]!.GetValue<string>(), widgetKey);
    }
}

public sealed record LoadTenant(string Id, string WidgetKey);
