using System.Net.Http.Json;
using Bob.Web.Tests.Audit;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Billing;

/// <summary>PUT /api/admin/tenants/{id}/plan: the platform admin moves a tenant to a plan, under the tenant's own limit rules, audited.</summary>
public sealed class AdminPlanChangeTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private async Task<string> PlanOfAsync(TestTenant tenant) =>
        (await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).OkJsonAsync())["plan"]!.GetValue<string>();

    [Fact]
    public async Task The_platform_admin_changes_a_tenants_plan_and_the_tenants_audit_log_names_the_admin()
    {
        var tenant = await app.SignupAsync();

        var changed = await (await (await app.AdminAsync()).PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}/plan", new { plan = "enterprise" })).OkJsonAsync();

        Assert.Equal("enterprise", changed["plan"]!.GetValue<string>());
        Assert.Null(changed["limits"]!["seats"]);
        Assert.Equal("enterprise", await PlanOfAsync(tenant));
        var entry = Assert.Single(await app.AuditEntriesAsync(tenant.Token, "action=plan.changed"));
        Assert.Equal(BobWebApp.AdminEmail, entry["actor"]!["email"]!.GetValue<string>());
        Assert.Equal("enterprise", entry["after"]!["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_downgrade_past_the_tenants_seats_is_refused_for_the_admin_too_and_nothing_changes()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AdminAsync();
        (await admin.PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}/plan", new { plan = "pro" })).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            await app.AddMemberAsync(tenant, "agent");
        }

        var problem = await (await admin.PutAsJsonAsync($"/api/admin/tenants/{tenant.TenantId}/plan", new { plan = "starter" })).AssertProblemAsync(409, "seat_limit_reached");

        Assert.Contains("4 are in use", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("pro", await PlanOfAsync(tenant));
        Assert.Single(await app.AuditEntriesAsync(tenant.Token, "action=plan.changed"));
    }

    [Theory]
    [InlineData("""{"plan":"gold"}""")]
    [InlineData("""{"plan":""}""")]
    [InlineData("""{}""")]
    public async Task An_unknown_or_missing_plan_is_a_validation_problem_naming_plan(string body)
    {
        var tenant = await app.SignupAsync();

        var response = await (await app.AdminAsync()).PutAsync($"/api/admin/tenants/{tenant.TenantId}/plan", ApiClient.RawJson(body));

        Assert.NotNull((await response.AssertProblemAsync(400, "validation_failed"))["errors"]!["plan"]);
        Assert.Equal("starter", await PlanOfAsync(tenant));
    }

    [Fact]
    public async Task Only_the_platform_admin_may_and_an_unknown_tenant_is_404()
    {
        var tenant = await app.SignupAsync();
        var path = $"/api/admin/tenants/{tenant.TenantId}/plan";

        await (await app.CreateClient().PutAsJsonAsync(path, new { plan = "pro" })).AssertProblemAsync(401, "unauthenticated");
        await (await app.Bearer(tenant.Token).PutAsJsonAsync(path, new { plan = "pro" })).AssertProblemAsync(403, "forbidden");
        await (await (await app.AdminAsync()).PutAsJsonAsync("/api/admin/tenants/no-such-tenant/plan", new { plan = "pro" })).AssertProblemAsync(404, "not_found");
        Assert.Equal("starter", await PlanOfAsync(tenant));
    }
}
