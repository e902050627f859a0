using System.Net;
using System.Net.Http.Json;
using Bob.Testing;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Hardening;

/// <summary>
/// An unreachable database is answered honestly: 503 <c>service_unavailable</c> with <c>Retry-After</c> on every kind of
/// call (warm grains writing, grains activating, SQL reads, streams), and Bob recovers by itself once it is back.
/// The outage is real: this fixture's own database refuses connections and its sessions are terminated.
/// </summary>
public sealed class DatabaseOutageTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task A_database_outage_is_503_with_retry_after_everywhere_and_bob_recovers_without_a_restart()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var warmSession = ChatApi.NewSession();
        var streamSession = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, warmSession, "hello");
        Assert.Equal("done", (await StreamAsync(tenant, streamSession, "hello"))[^1].Event);
        await app.SessionsAsync(tenant);

        var calls = new (string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Healthy)[]
        {
            ("turn in a warm conversation", () => app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = warmSession, visitor_token = ChatApi.VisitorTokenFor(tenant.WidgetKey, warmSession), message = "still there?", client_message_id = "retry-1" }), HttpStatusCode.OK),
            ("turn in a new conversation", () => app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = "fresh-session", message = "hi" }), HttpStatusCode.OK),
            ("session list (SQL read)", () => owner.GetAsync("/api/chat/sessions"), HttpStatusCode.OK),
            ("persona create (grain state write)", () => owner.PostAsJsonAsync("/api/personas", new { name = "Outage", tone = "friendly" }), HttpStatusCode.Created),
            ("signup (new activations)", () => app.CreateClient().PostAsJsonAsync("/api/auth/signup", new { businessName = "Outage Shop", email = $"outage-{Guid.NewGuid():N}@example.com", password = ApiClient.Password }), HttpStatusCode.Created),
            ("login (user grain activation)", () => app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = BobWebApp.AdminEmail, password = BobWebApp.AdminPassword }), HttpStatusCode.OK),
        };

        await using (var outage = await DatabaseOutage.BeginAsync(app.ConnectionString))
        {
            foreach (var (name, send, _) in calls)
            {
                var response = await send();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                await response.AssertProblemAsync(503, "service_unavailable");
                Assert.True(int.Parse(ChatApi.Header(response, "Retry-After")!, System.Globalization.CultureInfo.InvariantCulture) >= 1, name);
                await response.AssertNoInternalsAsync();
                if (name.StartsWith("turn", StringComparison.Ordinal))
                {
                    Assert.True(ChatApi.Header(response, "Access-Control-Allow-Origin") == ChatApi.ShopOrigin, $"{name}: the widget's page may read the 503");
                }
            }
            // Sent again and again while the database is away, a streamed turn is "not now" each time, readable by the page.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var (status, code, allowedOrigin) = await TryStreamAsync(tenant, streamSession, "and now?");
                Assert.True(allowedOrigin == ChatApi.ShopOrigin, $"attempt {attempt}: {status} without the page's origin allowed");
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"attempt {attempt}: {status}");
                Assert.Equal("service_unavailable", code);
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
        }

        foreach (var (name, send, healthy) in calls)
        {
            var response = await Eventually.ReturnsAsync(send, r => r.StatusCode == healthy, TimeSpan.FromSeconds(60));
            Assert.True(response.StatusCode == healthy, $"{name} after the outage: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], (await app.TurnsAsync(tenant, warmSession)).Select(t => t.Role));
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, streamSession)).Select(t => t.Role));
        Assert.Equal("done", (await StreamAsync(tenant, streamSession, "and now?"))[^1].Event);
    }

    private async Task<List<SseEvent>> StreamAsync(TestTenant tenant, string sessionId, string message)
    {
        var response = await SendStreamAsync(tenant, sessionId, message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAllEventsAsync()).RememberToken(tenant.WidgetKey, sessionId);
    }

    /// <summary>A streamed widget turn as the browser sees it: the status, the code it failed with (the last event's of a 200,
    /// else the problem's), and the allowed origin.</summary>
    private async Task<(HttpStatusCode Status, string? Code, string? AllowedOrigin)> TryStreamAsync(TestTenant tenant, string sessionId, string message)
    {
        var response = await SendStreamAsync(tenant, sessionId, message);
        var allowed = ChatApi.Header(response, "Access-Control-Allow-Origin");
        var code = response.StatusCode == HttpStatusCode.OK
            ? (await response.ReadAllEventsAsync())[^1].Json["code"]?.GetValue<string>()
            : System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())?["code"]?.GetValue<string>();
        return (response.StatusCode, code, allowed);
    }

    private async Task<HttpResponseMessage> SendStreamAsync(TestTenant tenant, string sessionId, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
        {
            Content = ApiClient.RawJson(System.Text.Json.JsonSerializer.Serialize(new { session_id = sessionId, visitor_token = ChatApi.VisitorTokenFor(tenant.WidgetKey, sessionId), message })),
        };
        request.Headers.Add("X-Widget-Key", tenant.WidgetKey);
        request.Headers.Add("Origin", ChatApi.ShopOrigin);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await app.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
