using System.Net;
using System.Net.Http.Json;
using Bob.Testing;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Hardening;

/// <summary>
/// After a database restart noticed by one request, no later request is handed a pooled connection the restart ended:
/// every pool of the process (Orleans' grain storage and Bob's own tables) is emptied, not only the one that noticed.
/// </summary>
public sealed class DatabaseRestartTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Once_the_database_is_back_every_call_succeeds_on_its_first_try()
    {
        // Several signups at once leave several idle connections in each pool.
        var tenants = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.SignupAsync()));
        var tenant = tenants[0];
        var owner = app.Bearer(tenant.Token);
        var conversation = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, conversation, "hello");
        await Task.WhenAll(tenants.Select(t => app.SessionsAsync(t)));

        await using (var outage = await DatabaseOutage.BeginAsync(app.ConnectionString))
        {
            var noticed = await SendTurnAsync(tenant, conversation, "noticed-1");
            await noticed.AssertProblemAsync(503, "service_unavailable");
        }

        var calls = new List<(string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Healthy)>
        {
            ("turn in the warm conversation", () => SendTurnAsync(tenant, conversation, "noticed-1"), HttpStatusCode.OK),
            ("turn in a new conversation", () => app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { message = "hi" }), HttpStatusCode.OK),
            ("session list", () => owner.GetAsync("/api/chat/sessions"), HttpStatusCode.OK),
            ("persona create", () => owner.PostAsJsonAsync("/api/personas", new { name = "After", tone = "friendly" }), HttpStatusCode.Created),
            ("login", () => app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = BobWebApp.AdminEmail, password = BobWebApp.AdminPassword }), HttpStatusCode.OK),
        };
        calls.AddRange(Enumerable.Range(1, 6).Select(n => ($"signup {n}", (Func<Task<HttpResponseMessage>>)(() => app.CreateClient().PostAsJsonAsync(
            "/api/auth/signup", new { businessName = $"After Shop {n}", email = $"after-{Guid.NewGuid():N}@example.com", password = ApiClient.Password })), HttpStatusCode.Created)));

        foreach (var (name, send, healthy) in calls)
        {
            var response = await send();
            Assert.True(response.StatusCode == healthy, $"{name}, first try after the restart: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], (await app.TurnsAsync(tenant, conversation)).Select(t => t.Role));
    }

    private Task<HttpResponseMessage> SendTurnAsync(TestTenant tenant, string conversation, string clientMessageId) =>
        app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new
        {
            session_id = conversation,
            visitor_token = ChatApi.VisitorTokenFor(tenant.WidgetKey, conversation),
            message = "still there?",
            client_message_id = clientMessageId,
        });
}
