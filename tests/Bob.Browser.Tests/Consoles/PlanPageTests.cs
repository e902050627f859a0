using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Plan page (an owner changes the tenant's plan under the API's rules) and the admin's plan change on a tenant's page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanPageTests(BrowserWorld world)
{
    [Fact]
    public async Task A_downgrade_is_refused_with_the_seat_problem_in_the_plans_tile_and_accepted_once_a_member_is_removed()
    {
        var tenant = await world.Bob.SignupAsync();
        var owner = world.Bob.Bearer(tenant.Token);
        (await owner.PutAsJsonAsync("/api/tenant/plan", new { plan = "pro" })).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            await world.Bob.AddMemberAsync(tenant, "agent");
        }
        await using var session = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password);
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl("/portal/plan"));
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("pro");
        await Expect(page.Locator("[data-plan='pro']")).ToContainTextAsync("current");
        await Expect(page.Locator("[data-plan='starter'] [data-limit='seats']")).ToHaveTextAsync("4 of 3 seats");
        await Expect(page.Locator("#payment-note")).ToContainTextAsync("No payment is taken here");

        var starter = page.Locator("[data-plan='starter']");
        var refused = page.WaitForResponseAsync(r => r.Url.EndsWith("/portal/plan", StringComparison.Ordinal) && r.Request.Method == "POST");
        await starter.GetByRole(AriaRole.Button, new() { Name = "Change to Starter" }).ClickAsync();
        Assert.Equal(409, (await refused).Status);
        await Expect(page.Locator("[data-plan='starter'] [role='alert']")).ToContainTextAsync("3 seat(s) and 4 are in use");
        await Expect(page.Locator("#plan-starter-problem")).ToHaveAttributeAsync("data-code", "seat_limit_reached");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("pro");
        Assert.Equal("pro", (await world.GetJsonAsync(tenant, "/api/tenant"))["plan"]!.GetValue<string>());

        var removed = await MemberIdAsync(tenant, "agent");
        (await owner.DeleteAsync($"/api/team/{removed}")).EnsureSuccessStatusCode();
        await page.GotoAsync(world.BobUrl("/portal/plan"));
        await page.Locator("[data-plan='starter']").GetByRole(AriaRole.Button, new() { Name = "Change to Starter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Plan changed.");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("starter");
        await Expect(page.Locator("[data-plan='starter'] [data-limit='seats']")).ToHaveTextAsync("3 of 3 seats");
        Assert.Equal("starter", (await world.GetJsonAsync(tenant, "/api/tenant"))["plan"]!.GetValue<string>());
        Assert.Empty(session.ScriptErrors());
    }

    [Fact]
    public async Task The_platform_admin_changes_a_tenants_plan_from_its_page_and_the_change_is_audited()
    {
        var tenant = await world.Bob.SignupAsync();
        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var page = admin.Page;
        await page.GotoAsync(world.BobUrl($"/admin/tenants/{tenant.TenantId}"));
        await Expect(page.Locator("[data-tile='plan'] .figure")).ToHaveTextAsync("starter");

        await page.Locator("[data-plan='enterprise']").GetByRole(AriaRole.Button, new() { Name = "Change to Enterprise" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(world.BobUrl($"/admin/tenants/{tenant.TenantId}?done=plan"));
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Plan changed.");
        await Expect(page.Locator("[data-tile='plan'] .figure")).ToHaveTextAsync("enterprise");
        await Expect(page.Locator("#tenant-audit tbody tr").First).ToContainTextAsync("plan.changed");
        Assert.Equal("enterprise", (await world.GetJsonAsync(tenant, "/api/tenant"))["plan"]!.GetValue<string>());
        Assert.Empty(admin.ScriptErrors());
    }

    [Fact]
    public async Task An_agent_gets_the_403_page_and_the_plan_page_passes_the_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await world.AssertForbiddenAsync(tenant, "admin", "/portal/plan", "Plan");

        await using var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password, bypassCsp: true);
        await owner.CheckPageAsync(world.BobUrl("/portal/plan"), "portal-plan");
        await owner.Page.GotoAsync(world.BobUrl("/portal"));
        await Expect(owner.Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Plan", Exact = true })).ToBeVisibleAsync();
    }

    private async Task<string> MemberIdAsync(TestTenant tenant, string role)
    {
        var team = await world.Bob.TeamAsync(tenant.Token);
        return team["members"]!.AsArray().First(m => m!["role"]!.GetValue<string>() == role)!["id"]!.GetValue<string>();
    }
}
