using System.Net.Http.Json;

namespace Bob.Web.Tests.Identity;

/// <summary>401 without valid credentials, 403 without the permission, 404 for another tenant's resources.</summary>
public sealed class AccessRulesTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Request_without_credentials_is_unauthenticated()
    {
        var response = await app.CreateClient().GetAsync("/api/auth/me");

        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task Garbage_bearer_token_is_an_invalid_token()
    {
        var response = await app.Bearer("not-a-real-token").GetAsync("/api/auth/me");

        await response.AssertProblemAsync(401, "invalid_token");
    }

    [Fact]
    public async Task Overlong_bearer_token_is_an_invalid_token()
    {
        var response = await app.Bearer(new string('x', 300)).GetAsync("/api/team");

        await response.AssertProblemAsync(401, "invalid_token");
    }

    [Fact]
    public async Task Non_bearer_authorization_scheme_is_unauthenticated()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", "dXNlcjpwYXNz");

        var response = await client.GetAsync("/api/auth/me");

        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task Garbage_session_cookie_is_an_invalid_token()
    {
        var response = await app.Cookie("not-a-real-token").GetAsync("/api/auth/me");

        await response.AssertProblemAsync(401, "invalid_token");
    }

    [Fact]
    public async Task Viewer_cannot_read_the_team()
    {
        var tenant = await app.SignupAsync();
        var viewer = await app.AddMemberAsync(tenant, "viewer");

        var response = await app.Bearer(viewer["token"]!.GetValue<string>()).GetAsync("/api/team");

        await response.AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task Agent_cannot_change_roles_and_nothing_changes()
    {
        var tenant = await app.SignupAsync();
        var agent = await app.AddMemberAsync(tenant, "agent");
        var agentId = agent["user"]!["id"]!.GetValue<string>();

        var response = await app.Bearer(agent["token"]!.GetValue<string>()).PutAsJsonAsync($"/api/team/{agentId}", new { role = "admin" });

        await response.AssertProblemAsync(403, "forbidden");
        await AssertMemberHasRoleAsync(tenant, agentId, "agent");
    }

    [Fact]
    public async Task Viewer_cannot_invite_and_nothing_is_stored()
    {
        var tenant = await app.SignupAsync();
        var viewer = await app.AddMemberAsync(tenant, "viewer");
        var email = $"{Guid.NewGuid():N}@example.com";

        var response = await app.Bearer(viewer["token"]!.GetValue<string>()).PostAsJsonAsync("/api/team/invitations", new { email, role = "agent" });

        await response.AssertProblemAsync(403, "forbidden");
        var team = await app.TeamAsync(tenant.Token);
        Assert.DoesNotContain(team["invitations"]!.AsArray(), i => i!["email"]!.GetValue<string>() == email);
    }

    [Fact]
    public async Task Changing_the_role_of_another_tenants_member_is_not_found_and_changes_nothing()
    {
        var tenantA = await app.SignupAsync();
        var tenantB = await app.SignupAsync();
        var memberB = (await app.AddMemberAsync(tenantB, "agent"))["user"]!["id"]!.GetValue<string>();

        var response = await app.Bearer(tenantA.Token).PutAsJsonAsync($"/api/team/{memberB}", new { role = "viewer" });

        await response.AssertProblemAsync(404, "not_found");
        await AssertMemberHasRoleAsync(tenantB, memberB, "agent");
    }

    [Fact]
    public async Task Removing_another_tenants_member_is_not_found_and_changes_nothing()
    {
        var tenantA = await app.SignupAsync();
        var tenantB = await app.SignupAsync();
        var memberB = (await app.AddMemberAsync(tenantB, "agent"))["user"]!["id"]!.GetValue<string>();

        var response = await app.Bearer(tenantA.Token).DeleteAsync($"/api/team/{memberB}");

        await response.AssertProblemAsync(404, "not_found");
        await AssertMemberHasRoleAsync(tenantB, memberB, "agent");
    }

    [Fact]
    public async Task Removing_another_tenants_owner_is_not_found_and_changes_nothing()
    {
        var tenantA = await app.SignupAsync();
        var tenantB = await app.SignupAsync();

        var response = await app.Bearer(tenantA.Token).DeleteAsync($"/api/team/{tenantB.OwnerId}");

        await response.AssertProblemAsync(404, "not_found");
        await AssertMemberHasRoleAsync(tenantB, tenantB.OwnerId, "owner");
    }

    private async Task AssertMemberHasRoleAsync(TestTenant tenant, string userId, string role)
    {
        var team = await app.TeamAsync(tenant.Token);
        var member = Assert.Single(team["members"]!.AsArray(), m => m!["id"]!.GetValue<string>() == userId);
        Assert.Equal(role, member!["role"]!.GetValue<string>());
    }
}
