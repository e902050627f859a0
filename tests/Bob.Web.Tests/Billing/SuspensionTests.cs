using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Audit;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Billing;

/// <summary>A suspended tenant is refused on all three chat paths and its widget; its members can log in and read; resume restores it.</summary>
public sealed class SuspensionTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private async Task SetSuspendedAsync(TestTenant tenant, bool suspended)
    {
        var response = await (await app.AdminAsync()).PostAsync($"/api/admin/tenants/{tenant.TenantId}/{(suspended ? "suspend" : "resume")}", null);
        var view = await response.OkJsonAsync();
        Assert.Equal(suspended ? "suspended" : "active", view["status"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> PublicChatAsync(TestTenant tenant, string session) =>
        app.CreateClient().PostJsonAsync("/api/chat", new { session_id = session, message = "hello there", business_id = tenant.TenantId });

    private Task<HttpResponseMessage> WidgetChatAsync(TestTenant tenant, string session) =>
        app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat",
            new { session_id = session, visitor_token = ChatApi.VisitorTokenFor(tenant.WidgetKey, session), message = "hello there" });

    private Task<HttpResponseMessage> ConsoleChatAsync(TestTenant tenant, string session) =>
        app.Bearer(tenant.Token).PostJsonAsync("/api/chat/message", new { session_id = session, message = "hello there" });

    [Fact]
    public async Task A_suspended_tenant_is_refused_on_all_three_paths_and_the_widget_then_answers_again_once_resumed()
    {
        var tenant = await app.SignupAsync();
        Assert.Equal(200, (int)(await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { publicChat = true })).StatusCode);
        var widgetSession = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, widgetSession, "hello before");

        await SetSuspendedAsync(tenant, suspended: true);

        await (await PublicChatAsync(tenant, ChatApi.NewSession())).AssertProblemAsync(403, "tenant_suspended");
        var widget = await WidgetChatAsync(tenant, widgetSession);
        await widget.AssertProblemAsync(403, "tenant_suspended");
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(widget, "Access-Control-Allow-Origin"));
        await (await ConsoleChatAsync(tenant, ChatApi.NewSession())).AssertProblemAsync(403, "tenant_suspended");
        await (await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/session", new { title = "t" })).AssertProblemAsync(403, "tenant_suspended");
        await (await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config")).AssertProblemAsync(403, "tenant_suspended");
        await (await app.Widget(tenant.WidgetKey).GetAsync($"/api/widget/sessions/{widgetSession}/events")).AssertProblemAsync(403, "tenant_suspended");
        await (await app.Widget(tenant.WidgetKey).GetAsync($"/api/widget/sessions/{widgetSession}/messages")).AssertProblemAsync(403, "tenant_suspended");
        await (await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/handoff", new { session_id = widgetSession })).AssertProblemAsync(403, "tenant_suspended");
        var streamed = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat") { Content = ApiClient.RawJson($$"""{"session_id":"{{widgetSession}}","message":"hi"}""") };
        streamed.Headers.Add("X-Widget-Key", tenant.WidgetKey);
        streamed.Headers.Add("Origin", ChatApi.ShopOrigin);
        streamed.Headers.Accept.ParseAdd("text/event-stream");
        await (await app.CreateClient().SendAsync(streamed)).AssertProblemAsync(403, "tenant_suspended");
        Assert.Equal(2, (await app.TurnsAsync(tenant, widgetSession)).Count);

        await SetSuspendedAsync(tenant, suspended: false);

        Assert.Equal(200, (int)(await WidgetChatAsync(tenant, widgetSession)).StatusCode);
        Assert.Equal(200, (int)(await PublicChatAsync(tenant, ChatApi.NewSession())).StatusCode);
        Assert.Equal(200, (int)(await ConsoleChatAsync(tenant, ChatApi.NewSession())).StatusCode);
        Assert.Equal(200, (int)(await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config")).StatusCode);
    }

    [Fact]
    public async Task Members_of_a_suspended_tenant_log_in_and_read_but_change_nothing()
    {
        var tenant = await app.SignupAsync();
        var session = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, session, "hello before");
        var agentToken = await app.InviteMemberAsync(tenant, "agent");
        await SetSuspendedAsync(tenant, suspended: true);

        var login = await app.LoginAsync(tenant.OwnerEmail, ApiClient.Password);
        var owner = app.Bearer(login["token"]!.GetValue<string>());

        Assert.Equal("suspended", (await (await owner.GetAsync("/api/tenant")).OkJsonAsync())["status"]!.GetValue<string>());
        Assert.Equal(200, (int)(await owner.GetAsync("/api/chat/sessions")).StatusCode);
        Assert.Equal(200, (int)(await owner.GetAsync($"/api/chat/sessions/{session}")).StatusCode);
        Assert.Equal(200, (int)(await owner.GetAsync("/api/team")).StatusCode);
        Assert.Equal(200, (int)(await owner.GetAsync("/api/personas")).StatusCode);
        await (await owner.PostAsJsonAsync("/api/personas", new { name = "New", tone = "friendly" })).AssertProblemAsync(403, "tenant_suspended");
        await (await owner.PutAsJsonAsync("/api/tenant/plan", new { plan = "pro" })).AssertProblemAsync(403, "tenant_suspended");
        await (await owner.PostAsJsonAsync("/api/team/invitations", new { email = $"x-{Guid.NewGuid():N}@example.com", role = "viewer" })).AssertProblemAsync(403, "tenant_suspended");
        await (await app.Bearer(agentToken).PostAsync($"/api/chat/sessions/{session}/takeover", null)).AssertProblemAsync(403, "tenant_suspended");
        await (await app.Bearer(agentToken).PostJsonAsync($"/api/chat/sessions/{session}/reply", new { message = "hi" })).AssertProblemAsync(403, "tenant_suspended");
        Assert.Equal(2, (await app.TurnsAsync(tenant, session)).Count);
        Assert.Single(await (await owner.GetAsync("/api/personas")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonArray>() ?? []);
        Assert.Equal(204, (int)(await owner.PostAsync("/api/auth/logout", null)).StatusCode);
    }

    [Fact]
    public async Task An_invitation_to_a_suspended_tenant_cannot_be_accepted_until_it_is_resumed()
    {
        var tenant = await app.SignupAsync();
        var invite = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = $"late-{Guid.NewGuid():N}@example.com", role = "agent" })).JsonAsync();
        var accept = new { token = invite["inviteToken"]!.GetValue<string>(), password = ApiClient.Password };
        await SetSuspendedAsync(tenant, suspended: true);

        var refused = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", accept);
        await SetSuspendedAsync(tenant, suspended: false);
        var accepted = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", accept);

        await refused.AssertProblemAsync(403, "tenant_suspended");
        Assert.Equal(200, (int)accepted.StatusCode);
    }

    [Fact]
    public async Task Suspending_twice_or_resuming_an_active_tenant_changes_nothing()
    {
        var tenant = await app.SignupAsync();

        await SetSuspendedAsync(tenant, suspended: true);
        await SetSuspendedAsync(tenant, suspended: true);
        await SetSuspendedAsync(tenant, suspended: false);
        await SetSuspendedAsync(tenant, suspended: false);

        Assert.Equal(200, (int)(await WidgetChatAsync(tenant, ChatApi.NewSession())).StatusCode);
    }

    [Fact]
    public async Task Suspend_and_resume_are_one_audit_entry_each_in_the_tenants_log_by_the_platform_and_repeats_are_none()
    {
        var tenant = await app.SignupAsync();

        await SetSuspendedAsync(tenant, suspended: false);
        await SetSuspendedAsync(tenant, suspended: true);
        await SetSuspendedAsync(tenant, suspended: true);
        await SetSuspendedAsync(tenant, suspended: false);
        await SetSuspendedAsync(tenant, suspended: false);

        var entries = await app.AuditEntriesAsync(tenant.Token, "actor=platform");
        Assert.Equal(["tenant.resumed", "tenant.suspended"], entries.Select(e => e.Action()));
        Assert.All(entries, e =>
        {
            Assert.Equal(BobWebApp.AdminEmail, e["actor"]!["email"]!.GetValue<string>());
            Assert.Equal(tenant.TenantId, e.TargetId());
        });
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"status":"active"}"""), entries[1]["before"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"status":"suspended"}"""), entries[1]["after"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"status":"active"}"""), entries[0]["after"]));
    }
}
