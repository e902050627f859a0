using System.Net.Http.Json;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Billing;

/// <summary>Every route this feature added, called by a viewer, an agent and another tenant's admin (and owner): refused, nothing changed.</summary>
public sealed class BillingAccessTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static readonly (string Method, string Path)[] PlatformRoutes =
    [
        ("GET", "/api/pricebook/drafts"),
        ("POST", "/api/pricebook/drafts"),
        ("GET", "/api/pricebook/drafts/2"),
        ("PUT", "/api/pricebook/drafts/2"),
        ("DELETE", "/api/pricebook/drafts/2"),
        ("POST", "/api/pricebook/drafts/2/publish"),
        ("GET", "/api/admin/tenants"),
        ("GET", "/api/admin/tenants/{tenant}"),
        ("POST", "/api/admin/tenants/{tenant}/suspend"),
        ("POST", "/api/admin/tenants/{tenant}/resume"),
    ];

    private static HttpRequestMessage Request(string method, string path, string tenant) =>
        new(new HttpMethod(method), path.Replace("{tenant}", tenant, StringComparison.Ordinal))
        {
            Content = method is "GET" or "DELETE" ? null : ApiClient.RawJson("""{"plans":[]}"""),
        };

    [Fact]
    public async Task Platform_routes_refuse_every_tenant_role_and_change_nothing()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        var admin = await app.AddMemberAsync(other, "admin");
        var callers = new Dictionary<string, string>
        {
            ["viewer"] = await app.InviteMemberAsync(tenant, "viewer"),
            ["agent"] = await app.InviteMemberAsync(tenant, "agent"),
            ["owner"] = tenant.Token,
            ["another tenant's admin"] = admin["token"]!.GetValue<string>(),
        };

        foreach (var (who, token) in callers)
        {
            foreach (var (method, path) in PlatformRoutes)
            {
                var response = await app.Bearer(token).SendAsync(Request(method, path, tenant.TenantId));
                Assert.True(403 == (int)response.StatusCode, $"{who}: {method} {path} answered {(int)response.StatusCode}");
                await response.AssertProblemAsync(403, "forbidden");
            }
            await (await app.CreateClient().SendAsync(Request("GET", "/api/admin/tenants", tenant.TenantId))).AssertProblemAsync(401, "unauthenticated");
        }
        Assert.Equal(200, (int)(await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config")).StatusCode);
        var drafts = await (await app.AdminAsync()).GetAsync("/api/pricebook/drafts");
        Assert.Equal("[]", await drafts.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_an_owner_changes_the_plan_and_only_team_managers_of_the_same_tenant_cancel_an_invitation()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        var otherAdmin = (await app.AddMemberAsync(other, "admin"))["token"]!.GetValue<string>();
        var viewer = await app.InviteMemberAsync(tenant, "viewer");
        var agent = await app.InviteMemberAsync(tenant, "agent");
        var invitation = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = $"p-{Guid.NewGuid():N}@example.com", role = "viewer" })).JsonAsync();

        foreach (var token in new[] { viewer, agent })
        {
            await (await app.Bearer(token).PutAsJsonAsync("/api/tenant/plan", new { plan = "pro" })).AssertProblemAsync(403, "forbidden");
            await (await app.Bearer(token).DeleteAsync($"/api/team/invitations/{invitation["id"]}")).AssertProblemAsync(403, "forbidden");
        }
        await (await app.Bearer(otherAdmin).DeleteAsync($"/api/team/invitations/{invitation["id"]}")).AssertProblemAsync(404, "not_found");

        Assert.Equal("starter", (await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).JsonAsync())["plan"]!.GetValue<string>());
        Assert.Equal("starter", (await (await app.Bearer(otherAdmin).GetAsync("/api/tenant")).JsonAsync())["plan"]!.GetValue<string>());
        Assert.Single((await app.TeamAsync(tenant.Token))["invitations"]!.AsArray());
    }
}
