using System.Net.Http.Json;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Identity;

/// <summary>Bearer versus session cookie, CSRF on cookie-authenticated changes, and logout.</summary>
public sealed class AuthStyleTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static object NewInvitation(out string email)
    {
        email = $"invitee-{Guid.NewGuid():N}@example.com";
        return new { email, role = "agent" };
    }

    private async Task<bool> IsInvitedAsync(TestTenant tenant, string email) =>
        (await app.TeamAsync(tenant.Token))["invitations"]!.AsArray().Any(i => i!["email"]!.GetValue<string>() == email);

    [Fact]
    public async Task Bearer_token_reads_me()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).GetAsync("/api/auth/me");

        Assert.Equal(200, (int)response.StatusCode);
        var me = await response.JsonAsync();
        Assert.Equal(tenant.OwnerId, me["id"]!.GetValue<string>());
        Assert.Equal(tenant.TenantId, me["tenantId"]!.GetValue<string>());
        Assert.Equal("owner", me["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bearer_request_changes_without_csrf_header()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", NewInvitation(out var email));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.True(await IsInvitedAsync(tenant, email));
    }

    [Fact]
    public async Task Cookie_reads_me_without_csrf_header()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Cookie(tenant.Token).GetAsync("/api/auth/me");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(tenant.OwnerId, (await response.JsonAsync())["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cookie_request_without_csrf_header_is_refused_and_stores_nothing()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Cookie(tenant.Token).PostAsJsonAsync("/api/team/invitations", NewInvitation(out var email));

        await response.AssertProblemAsync(403, "csrf_failed");
        Assert.False(await IsInvitedAsync(tenant, email));
    }

    [Fact]
    public async Task Cookie_request_with_wrong_csrf_header_is_refused_and_stores_nothing()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();

        var response = await app.Cookie(tenant.Token, csrf: other.CsrfToken).PostAsJsonAsync("/api/team/invitations", NewInvitation(out var email));

        await response.AssertProblemAsync(403, "csrf_failed");
        Assert.False(await IsInvitedAsync(tenant, email));
    }

    [Fact]
    public async Task Cookie_request_with_the_sessions_csrf_header_succeeds()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Cookie(tenant.Token, csrf: tenant.CsrfToken).PostAsJsonAsync("/api/team/invitations", NewInvitation(out var email));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.True(await IsInvitedAsync(tenant, email));
    }

    [Fact]
    public async Task Cookie_set_by_login_authenticates_the_same_browser()
    {
        var tenant = await app.SignupAsync();
        var browser = app.CreateClient(); // keeps cookies, as a browser does
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });
        var csrf = (await login.JsonAsync())["csrfToken"]!.GetValue<string>();

        var me = await browser.GetAsync("/api/auth/me");
        var refused = await browser.PostAsJsonAsync("/api/team/invitations", NewInvitation(out var refusedEmail));
        browser.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        var accepted = await browser.PostAsJsonAsync("/api/team/invitations", NewInvitation(out var acceptedEmail));

        Assert.Equal(200, (int)me.StatusCode);
        await refused.AssertProblemAsync(403, "csrf_failed");
        Assert.Equal(201, (int)accepted.StatusCode);
        Assert.False(await IsInvitedAsync(tenant, refusedEmail));
        Assert.True(await IsInvitedAsync(tenant, acceptedEmail));
    }

    [Fact]
    public async Task Login_with_a_stale_cookie_and_no_csrf_header_still_works()
    {
        var tenant = await app.SignupAsync();
        var stale = (await app.LoginAsync(tenant.OwnerEmail, tenant.Password))["token"]!.GetValue<string>();
        Assert.Equal(204, (int)(await app.Bearer(stale).PostAsync("/api/auth/logout", null)).StatusCode);

        var response = await app.Cookie(stale).PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("bob_session=", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_logout_revokes_the_token()
    {
        var tenant = await app.SignupAsync();
        var client = app.Bearer(tenant.Token);

        var logout = await client.PostAsync("/api/auth/logout", null);

        Assert.Equal(204, (int)logout.StatusCode);
        await (await client.GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
    }

    [Fact]
    public async Task Cookie_logout_without_csrf_header_is_refused_and_the_session_stays()
    {
        var tenant = await app.SignupAsync();

        var logout = await app.Cookie(tenant.Token).PostAsync("/api/auth/logout", null);

        await logout.AssertProblemAsync(403, "csrf_failed");
        Assert.Equal(200, (int)(await app.Cookie(tenant.Token).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Cookie_logout_with_csrf_header_revokes_the_session_and_clears_the_cookie()
    {
        var tenant = await app.SignupAsync();

        var logout = await app.Cookie(tenant.Token, csrf: tenant.CsrfToken).PostAsync("/api/auth/logout", null);

        Assert.Equal(204, (int)logout.StatusCode);
        Assert.StartsWith("bob_session=;", Assert.Single(logout.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        await (await app.Cookie(tenant.Token).GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
    }

    [Fact]
    public async Task Logout_on_one_node_is_seen_at_once_by_a_second_node()
    {
        var tenant = await app.SignupAsync();
        await using var nodeB = await ClientWebNode.StartAsync(app);
        var viaB = nodeB.CreateClient();
        viaB.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Token);
        Assert.Equal(200, (int)(await viaB.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(204, (int)(await app.Bearer(tenant.Token).PostAsync("/api/auth/logout", null)).StatusCode);

        await (await viaB.GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
    }

    [Fact]
    public async Task Platform_admin_logs_in_with_platform_role_and_tenant_management()
    {
        var login = await app.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);

        var user = login["user"]!;
        Assert.Equal("platform_admin", user["role"]!.GetValue<string>());
        Assert.Equal("platform", user["tenantId"]!.GetValue<string>());
        Assert.Contains("tenants.manage", user["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
    }
}
