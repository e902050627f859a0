using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Admin Dashboard's tenant page: what GET /api/admin/tenants/{id} has, and suspend/resume from there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminTenantTests(BrowserWorld world)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task The_platform_admin_opens_a_tenant_from_the_list_sees_its_plan_usage_and_seats_and_suspends_and_resumes_it()
    {
        var tenant = await world.Bob.SignupAsync();
        await world.Bob.AddMemberAsync(tenant, "agent");
        (await world.Bob.Bearer(tenant.Token).PostAsJsonAsync("/api/chat/message", new { message = "How long is the warranty on the Zorblax kettle?" })).EnsureSuccessStatusCode();
        var api = await world.AdminClientAsync();
        var view = (await api.GetFromJsonAsync<JsonObject>($"/api/admin/tenants/{tenant.TenantId}"))!;

        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var page = admin.Page;
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync(world.BobUrl("/admin?q=" + tenant.TenantId));
        await page.Locator($"tr[data-tenant='{tenant.TenantId}']").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl($"/admin/tenants/{tenant.TenantId}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(view["tenant"]!["name"]!.GetValue<string>());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tenants", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator("[data-tile='plan'] .figure")).ToHaveTextAsync(view["tenant"]!["plan"]!.GetValue<string>());
        await Expect(page.Locator("[data-tile='plan']")).ToContainTextAsync($"Pricebook version {view["tenant"]!["pricebookVersion"]}");
        await Expect(page.Locator("[data-tile='credits'] .figure")).ToHaveTextAsync(
            $"{Count(view["usage"]!["creditsUsed"]!)} of {Count(view["usage"]!["creditsIncluded"]!)}");
        await Expect(page.Locator("[data-tile='team'] .figure")).ToHaveTextAsync($"2 of {Count(view["tenant"]!["limits"]!["seats"]!)}");
        await Expect(page.Locator("[data-tile='team']")).ToContainTextAsync("2 members, 0 pending invitations");
        await Expect(page.Locator("[data-tile='status'] .figure")).ToHaveTextAsync("active");
        // The tenant's insights, as its Insights page shows them, without links into the tenant's own consoles.
        var insights = page.Locator("#tenant-insights-section");
        await Expect(insights.Locator("[data-figure='conversations']")).ToHaveTextAsync("1");
        await Expect(insights.Locator("#unanswered-questions > li")).ToContainTextAsync("Zorblax kettle");
        await Expect(insights.Locator("a[href^='/portal/knowledge']")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tenant suspended");
        await Expect(page).ToHaveURLAsync(world.BobUrl($"/admin/tenants/{tenant.TenantId}?done=suspended"));
        await Expect(page.Locator("[data-tile='status'] .figure")).ToHaveTextAsync("suspended");
        await Expect(page.Locator("#tenant-audit tbody tr").First).ToContainTextAsync("tenant.suspended");
        Assert.Equal("suspended", (await api.GetFromJsonAsync<JsonObject>($"/api/admin/tenants/{tenant.TenantId}"))!["tenant"]!["status"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tenant resumed");
        await Expect(page.Locator("[data-tile='status'] .figure")).ToHaveTextAsync("active");
        Assert.Empty(admin.ScriptErrors());
    }

    [Fact]
    public async Task A_tenant_that_does_not_exist_is_the_404_page_and_suspending_it_stores_nothing()
    {
        var missing = "t_" + Guid.NewGuid().ToString("N");
        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var response = await admin.Page.GotoAsync(world.BobUrl($"/admin/tenants/{missing}"));
        Assert.Equal(404, response!.Status);
        await Expect(admin.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("This tenant was not found");

        var login = await world.Bob.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var posted = await world.CookieClient(login["token"]!.GetValue<string>()).PostAsync($"/admin/tenants/{missing}/suspend",
            new FormUrlEncodedContent([new("_csrf", login["csrfToken"]!.GetValue<string>()), new("return", "tenant")]));
        Assert.Equal(404, (int)posted.StatusCode);
        var api = await world.AdminClientAsync();
        Assert.Equal(404, (int)(await api.GetAsync($"/api/admin/tenants/{missing}")).StatusCode);
        var listed = (await api.GetFromJsonAsync<JsonObject>($"/api/admin/tenants?q={missing}"))!;
        Assert.Empty(listed["items"]!.AsArray());
        Assert.Empty(admin.ScriptErrors());
    }

    [Fact]
    public async Task An_owner_gets_the_403_page_for_a_tenant_page_and_cannot_suspend_and_the_tenant_page_passes_the_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await using (var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password))
        {
            var response = await owner.Page.GotoAsync(world.BobUrl($"/admin/tenants/{tenant.TenantId}"));
            Assert.Equal(403, response!.Status);
        }
        var posted = await world.CookieClient(tenant.Token).PostAsync($"/admin/tenants/{tenant.TenantId}/suspend",
            new FormUrlEncodedContent([new("_csrf", tenant.CsrfToken), new("return", "tenant")]));
        Assert.Equal(403, (int)posted.StatusCode);
        var api = await world.AdminClientAsync();
        Assert.Equal("active", (await api.GetFromJsonAsync<JsonObject>($"/api/admin/tenants/{tenant.TenantId}"))!["tenant"]!["status"]!.GetValue<string>());

        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword, bypassCsp: true);
        await admin.CheckPageAsync(world.BobUrl($"/admin/tenants/{tenant.TenantId}"), "admin-tenant");
    }

    private static string Count(JsonNode number) => number.GetValue<int>().ToString("N0", Us);
}
