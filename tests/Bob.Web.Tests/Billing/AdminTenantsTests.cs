using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Billing;

public sealed class AdminTenantsTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private async Task<JsonObject> ListAsync(string query) =>
        await (await (await app.AdminAsync()).GetAsync($"/api/admin/tenants{query}")).OkJsonAsync();

    private static List<string> Ids(JsonObject page) => [.. page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    [Fact]
    public async Task The_list_shows_tenants_newest_first_with_plan_status_and_credits_used_this_period()
    {
        var tag = Unique();
        var older = await app.SignupAsync($"Older {tag}");
        var newer = await app.SignupAsync($"Newer {tag}");
        await app.WidgetChatAsync(older.WidgetKey, ChatApi.NewSession(), "Hello there");

        var page = await ListAsync($"?q={tag}");

        Assert.Equal([newer.TenantId, older.TenantId], Ids(page));
        Assert.Equal(2, page["total"]!.GetValue<int>());
        var row = page["items"]![1]!;
        Assert.Equal($"Older {tag}", row["name"]!.GetValue<string>());
        Assert.Equal("starter", row["plan"]!.GetValue<string>());
        Assert.Equal(1, row["pricebookVersion"]!.GetValue<int>());
        Assert.Equal("active", row["status"]!.GetValue<string>());
        Assert.Equal(1, row["creditsUsed"]!.GetValue<int>());
        Assert.Equal(15000, row["creditsIncluded"]!.GetValue<int>());
        Assert.Equal(0, page["items"]![0]!["creditsUsed"]!.GetValue<int>());
        Assert.Equal(1, page["period"]!["start"]!.GetValue<DateTimeOffset>().Day);
    }

    [Fact]
    public async Task The_list_filters_by_plan_and_status_searches_ids_and_pages()
    {
        var tag = Unique();
        var starter = await app.SignupAsync($"Filter {tag} a");
        var pro = await app.SignupAsync($"Filter {tag} b");
        var suspended = await app.SignupAsync($"Filter {tag} c");
        Assert.Equal(200, (int)(await app.Bearer(pro.Token).PutAsJsonAsync("/api/tenant/plan", new { plan = "pro" })).StatusCode);
        Assert.Equal(200, (int)(await (await app.AdminAsync()).PostAsync($"/api/admin/tenants/{suspended.TenantId}/suspend", null)).StatusCode);

        Assert.Equal([pro.TenantId], Ids(await ListAsync($"?q={tag}&plan=pro")));
        Assert.Equal([suspended.TenantId], Ids(await ListAsync($"?q={tag}&status=suspended")));
        Assert.Equal([suspended.TenantId, starter.TenantId], Ids(await ListAsync($"?q={tag}&plan=starter")));
        Assert.Equal([starter.TenantId], Ids(await ListAsync($"?q={starter.TenantId}")));
        var second = await ListAsync($"?q={tag}&pageSize=1&page=2");
        Assert.Equal([pro.TenantId], Ids(second));
        Assert.Equal(3, second["total"]!.GetValue<int>());
        Assert.Empty(Ids(await ListAsync($"?q={tag}&page=9")));
        Assert.Contains("platform", Ids(await ListAsync("?q=platform")));
        Assert.Empty(Ids(await ListAsync("?q=%25_%25")));
    }

    [Theory]
    [InlineData("?plan=gold", "plan")]
    [InlineData("?status=zombie", "status")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=abc", "pageSize")]
    public async Task A_bad_list_query_names_the_parameter(string query, string field)
    {
        var response = await (await app.AdminAsync()).GetAsync($"/api/admin/tenants{query}");

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task A_search_over_the_limit_is_refused()
    {
        var response = await (await app.AdminAsync()).GetAsync($"/api/admin/tenants?q={new string('x', 101)}");

        Assert.NotNull((await response.AssertProblemAsync(400, "validation_failed"))["errors"]!["q"]);
    }

    [Fact]
    public async Task One_tenant_shows_its_plan_limits_seats_and_team()
    {
        var tenant = await app.SignupAsync();
        await app.AddMemberAsync(tenant, "agent");
        await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = $"v-{Unique()}@example.com", role = "viewer" });

        var view = await (await (await app.AdminAsync()).GetAsync($"/api/admin/tenants/{tenant.TenantId}")).OkJsonAsync();

        Assert.Equal(tenant.TenantId, view["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("starter", view["tenant"]!["plan"]!.GetValue<string>());
        Assert.Equal(3, view["tenant"]!["limits"]!["seats"]!.GetValue<int>());
        Assert.Equal(2, view["tenant"]!["seatsUsed"]!.GetValue<int>());
        Assert.Equal(2, view["members"]!.GetValue<int>());
        Assert.Equal(1, view["pendingInvitations"]!.GetValue<int>());
        await (await (await app.AdminAsync()).GetAsync("/api/admin/tenants/no-such-tenant")).AssertProblemAsync(404, "not_found");
        await (await (await app.AdminAsync()).PostAsync("/api/admin/tenants/no-such-tenant/suspend", null)).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task The_platform_tenant_cannot_be_suspended()
    {
        var response = await (await app.AdminAsync()).PostAsync("/api/admin/tenants/platform/suspend", null);

        await response.AssertProblemAsync(409, "conflict");
        Assert.Equal("active", (await (await (await app.AdminAsync()).GetAsync("/api/admin/tenants/platform")).OkJsonAsync())["tenant"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_platform_admin_reads_a_tenants_audit_log_as_its_members_do()
    {
        var tenant = await app.SignupAsync();
        var own = await (await app.Bearer(tenant.Token).GetAsync("/api/audit")).OkJsonAsync();

        var asAdmin = await (await (await app.AdminAsync()).GetAsync($"/api/admin/tenants/{tenant.TenantId}/audit")).OkJsonAsync();

        Assert.NotEmpty(own["items"]!.AsArray());
        Assert.Equal(own["items"]!.ToJsonString(), asAdmin["items"]!.ToJsonString());
        Assert.All(asAdmin["items"]!.AsArray(), e => Assert.Equal(tenant.TenantId, e!["tenantId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_tenants_audit_log_is_the_platform_admins_only_and_refuses_a_bad_query_or_tenant()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AdminAsync();

        await (await app.Bearer(tenant.Token).GetAsync($"/api/admin/tenants/{tenant.TenantId}/audit")).AssertProblemAsync(403, "forbidden");
        await (await admin.GetAsync("/api/admin/tenants/no-such-tenant/audit")).AssertProblemAsync(404, "not_found");
        var problem = await (await admin.GetAsync($"/api/admin/tenants/{tenant.TenantId}/audit?action=persona.exploded")).AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["action"]);
    }
}
