using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Testing.Webhooks;
using StandardWebhooks;

namespace Bob.Web.Tests.Webhooks;

public static class WebhooksApi
{
    public static readonly string[] AllEvents =
        ["conversation.started", "message.created", "handoff.requested", "credits.threshold", "persona.updated", "widget_key.rotated", "feedback.created"];

    /// <summary>Registers an endpoint and returns its body (with the secret).</summary>
    public static async Task<JsonObject> RegisterAsync(this BobWebApp app, TestTenant tenant, Uri url, params string[] events)
    {
        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/webhooks", new { url, events = events.Length == 0 ? AllEvents : events, description = "test receiver" });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonObject> DeliveriesAsync(this BobWebApp app, TestTenant tenant, string endpointId, string query = "")
    {
        var response = await app.Bearer(tenant.Token).GetAsync($"/api/webhooks/{endpointId}/deliveries{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonObject> EndpointAsync(this BobWebApp app, TestTenant tenant, string endpointId)
    {
        var response = await app.Bearer(tenant.Token).GetAsync($"/api/webhooks/{endpointId}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>
    /// Checks the signature with the independent StandardWebhooks package (including its 5-minute tolerance); throws if no
    /// signature verifies. Each space-separated signature is given to it alone: the package (1.1.2) compares only the first
    /// of several correctly, so a rotation's second signature would fail it though it is right.
    /// </summary>
    public static void AssertSignedWith(this ReceivedWebhook received, string secret)
    {
        var webhook = new StandardWebhook(secret);
        var failures = new List<Exception>();
        foreach (var signature in received.Signature.Split(' '))
        {
            var headers = new Microsoft.AspNetCore.Http.HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => h.Value))
            {
                ["webhook-signature"] = signature,
            };
            try
            {
                webhook.Verify(received.Body, headers);
                return;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException failure)
            {
                failures.Add(failure);
            }
        }
        throw new AggregateException("No signature verified with this secret.", failures);
    }

    public static bool IsSignedWith(this ReceivedWebhook received, string secret)
    {
        try
        {
            received.AssertSignedWith(secret);
            return true;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    public static string Id(this JsonObject body) => body["id"]!.GetValue<string>();

    public static string Secret(this JsonObject body) => body["secret"]!.GetValue<string>();
}
