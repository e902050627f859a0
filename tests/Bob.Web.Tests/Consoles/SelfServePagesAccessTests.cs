using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;
using Bob.Testing.Webhooks;
using Bob.Web.Tests.Infrastructure;
using Bob.Web.Tests.Webhooks;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bob.Web.Tests.Consoles;

/// <summary>
/// The Plan, Playground and webhook edit/rotate pages over plain HTTP: signed out is the login redirect, a member without
/// the permission the 403 page, another tenant's conversation or endpoint the 404 page, and a bad form a refusal that
/// stores nothing. (The webhook app lets endpoints point at a loopback receiver.)
/// </summary>
public sealed class SelfServePagesAccessTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    private sealed record Member(string Token, string Csrf);

    private HttpClient Client(string? token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"bob_session={token}");
        }
        return client;
    }

    private Task<HttpResponseMessage> PostFormAsync(Member member, string path, params (string Name, string Value)[] fields) =>
        Client(member.Token).PostAsync(path, new FormUrlEncodedContent([new("_csrf", member.Csrf), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));

    private async Task<Member> MemberAsync(TestTenant tenant, string role)
    {
        var login = await app.AddMemberAsync(tenant, role);
        return new Member(login["token"]!.GetValue<string>(), login["csrfToken"]!.GetValue<string>());
    }

    private static Member Owner(TestTenant tenant) => new(tenant.Token, tenant.CsrfToken);

    [Theory]
    [InlineData("/portal/plan")]
    [InlineData("/portal/playground")]
    public async Task Signed_out_is_sent_to_log_in(string path)
    {
        var response = await Client(null).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_plan_page_is_the_owners_and_a_bad_plan_is_refused_without_a_change()
    {
        var tenant = await app.SignupAsync();
        var admin = await MemberAsync(tenant, "admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await Client(admin.Token).GetAsync("/portal/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(admin, "/portal/plan", ("plan", "pro"))).StatusCode);
        var gold = await PostFormAsync(Owner(tenant), "/portal/plan", ("plan", "gold"));
        Assert.Equal(HttpStatusCode.BadRequest, gold.StatusCode);
        Assert.Contains("plan must be one of starter, pro, enterprise", await gold.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(Owner(tenant), "/portal/plan")).StatusCode);
        Assert.Equal("starter", (await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).OkJsonAsync())["plan"]!.GetValue<string>());
        var changed = await PostFormAsync(Owner(tenant), "/portal/plan", ("plan", "pro"));
        Assert.Equal(HttpStatusCode.SeeOther, changed.StatusCode);
        Assert.Equal("pro", (await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).OkJsonAsync())["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_admins_plan_form_is_the_platform_admins_and_an_unknown_tenant_is_404()
    {
        var tenant = await app.SignupAsync();
        var login = await app.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var platform = new Member(login["token"]!.GetValue<string>(), login["csrfToken"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(Owner(tenant), $"/admin/tenants/{tenant.TenantId}/plan", ("plan", "pro"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(platform, "/admin/tenants/no-such-tenant/plan", ("plan", "pro"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(platform, $"/admin/tenants/{tenant.TenantId}/plan", ("plan", "gold"))).StatusCode);
        Assert.Equal("starter", (await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).OkJsonAsync())["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_playground_conversation_is_its_tenants_own_and_needs_chat_manage()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        var started = await PostFormAsync(Owner(tenant), "/portal/playground");
        Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        var path = started.Headers.Location!.OriginalString;
        Assert.StartsWith("/portal/playground/", path, StringComparison.Ordinal);
        var viewer = await MemberAsync(tenant, "viewer");

        Assert.Equal(HttpStatusCode.OK, (await Client(tenant.Token).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(viewer.Token).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(viewer, path, ("message", "Hello"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client(other.Token).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(Owner(other), path, ("message", "Hello"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(Owner(tenant), path, ("message", "  "))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(Owner(tenant), "/portal/playground", ("persona_id", "p_nosuchpersona"))).StatusCode);
        var transcript = await (await app.Bearer(tenant.Token).GetAsync($"/api/chat/sessions/{path.Split('/')[^1]}")).OkJsonAsync();
        Assert.Empty(transcript["messages"]!.AsArray());
    }

    [Fact]
    public async Task Editing_and_rotating_an_endpoint_is_its_tenants_own_needs_webhooks_manage_and_a_bad_edit_changes_nothing()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/webhooks", new { url = receiver.Url, events = new[] { "persona.updated" } });
        var endpoint = await created.OkJsonAsync(HttpStatusCode.Created);
        var path = $"/portal/webhooks/{endpoint["id"]}";
        var agent = await MemberAsync(tenant, "agent");

        Assert.Equal(HttpStatusCode.Redirect, (await Client(null).PostAsync(path + "/rotate-secret", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(agent, path + "/rotate-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(agent, path + "/edit", ("url", "https://evil.example.com"), ("events", "message.created"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(Owner(other), path + "/rotate-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(Owner(other), path + "/edit", ("url", "https://evil.example.com"), ("events", "message.created"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(Owner(tenant), path + "/edit", ("url", "not a url"), ("events", "message.created"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(Owner(tenant), path + "/edit", ("url", receiver.Url + "moved"))).StatusCode);

        var stored = await (await app.Bearer(tenant.Token).GetAsync($"/api/webhooks/{endpoint["id"]}")).OkJsonAsync();
        Assert.Equal(receiver.Url.ToString(), stored["url"]!.GetValue<string>());
        Assert.Equal(["persona.updated"], stored["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Null(stored["previousSecretExpiresAt"]);
    }
}
