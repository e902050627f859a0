using Bob.Browser.Tests.Infrastructure;
using Bob.Browser.Tests.Widget;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>The Admin Dashboard: the platform admin suspends a tenant and its widget says so; an owner may not open it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminTests(BrowserWorld world)
{
    [Fact]
    public async Task The_platform_admin_suspends_a_tenant_and_its_widget_shows_the_suspended_state_until_resumed()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        await visit.Widget.OpenAsync();

        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var page = admin.Page;
        await page.GotoAsync(world.BobUrl("/admin?q=" + tenant.TenantId));
        var row = page.Locator($"tr[data-tenant='{tenant.TenantId}']");
        await Expect(row).ToContainTextAsync("active");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new("^Suspend") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Tenant suspended");
        await page.GotoAsync(world.BobUrl("/admin?q=" + tenant.TenantId));
        await Expect(page.Locator($"tr[data-tenant='{tenant.TenantId}']")).ToContainTextAsync("suspended");

        await visit.Widget.SendAsync("Is anyone there?");
        await Expect(visit.Widget.Notice).ToHaveTextAsync("This chat is unavailable at the moment.");

        await page.Locator($"tr[data-tenant='{tenant.TenantId}']").GetByRole(AriaRole.Button, new() { NameRegex = new("^Resume") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Tenant resumed");
        await visit.Widget.SendAndAwaitAnswerAsync("And now?");
        Assert.Empty(admin.ScriptErrors());
    }

    [Fact]
    public async Task An_owner_gets_the_403_page_for_the_admin_dashboard_and_the_admin_page_passes_the_checks()
    {
        var tenant = await world.Bob.SignupAsync();
        await using (var owner = await world.SignedInAsync(tenant.OwnerEmail, tenant.Password))
        {
            var response = await owner.Page.GotoAsync(world.BobUrl("/admin"));
            Assert.Equal(403, response!.Status);
            await Expect(owner.Page.GetByRole(AriaRole.Link, new() { Name = "Tenants" })).ToHaveCountAsync(0);
        }
        await using var admin = await world.SignedInAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword, bypassCsp: true);
        await admin.CheckPageAsync(world.BobUrl("/admin"), "admin");
    }
}
