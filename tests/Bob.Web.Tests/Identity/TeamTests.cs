using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Bob.Web.Tests.Identity.TeamApi;

namespace Bob.Web.Tests.Identity;

/// <summary>Members and their roles: who may grant, change or remove which role, the last owner, and access ending at once.</summary>
public sealed class TeamTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Admin_cannot_invite_an_owner()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");

        var response = await app.Bearer(Token(admin)).PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role = "owner" });

        await response.AssertProblemAsync(403, "forbidden");
        Assert.Empty((await app.TeamAsync(tenant.Token))["invitations"]!.AsArray());
    }

    [Fact]
    public async Task Admin_cannot_promote_a_member_to_owner()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");
        var agent = await app.AddMemberAsync(tenant, "agent");

        var response = await app.Bearer(Token(admin)).PutAsJsonAsync($"/api/team/{UserId(agent)}", new { role = "owner" });

        await response.AssertProblemAsync(403, "forbidden");
        Assert.Equal("agent", (await app.MemberAsync(tenant, UserId(agent)))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_cannot_remove_an_owner()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");

        var response = await app.Bearer(Token(admin)).DeleteAsync($"/api/team/{tenant.OwnerId}");

        await response.AssertProblemAsync(403, "forbidden");
        Assert.NotNull(await app.MemberAsync(tenant, tenant.OwnerId));
    }

    [Fact]
    public async Task The_last_owner_cannot_be_demoted()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{tenant.OwnerId}", new { role = "admin" });

        await response.AssertProblemAsync(409, "last_owner");
        Assert.Equal("owner", (await app.MemberAsync(tenant, tenant.OwnerId))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_owner_cannot_be_removed()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).DeleteAsync($"/api/team/{tenant.OwnerId}");

        await response.AssertProblemAsync(409, "last_owner");
        Assert.NotNull(await app.MemberAsync(tenant, tenant.OwnerId));
    }

    [Fact]
    public async Task Owner_can_promote_another_member_to_owner_and_then_step_down()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");
        var owner = app.Bearer(tenant.Token);

        var promote = await owner.PutAsJsonAsync($"/api/team/{UserId(admin)}", new { role = "owner" });
        var stepDown = await owner.PutAsJsonAsync($"/api/team/{tenant.OwnerId}", new { role = "admin" });

        Assert.Equal(200, (int)promote.StatusCode);
        Assert.Equal(200, (int)stepDown.StatusCode);
        var newOwner = app.Bearer(Token(admin));
        var team = await (await newOwner.GetAsync("/api/team")).JsonAsync();
        var roles = team["members"]!.AsArray().ToDictionary(m => m!["id"]!.GetValue<string>(), m => m!["role"]!.GetValue<string>());
        Assert.Equal("owner", roles[UserId(admin)]);
        Assert.Equal("admin", roles[tenant.OwnerId]);
        Assert.Equal("admin", (await (await app.Bearer(tenant.Token).GetAsync("/api/auth/me")).JsonAsync())["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_a_role_to_an_unknown_one_is_a_validation_failure()
    {
        var tenant = await app.SignupAsync();
        var agent = await app.AddMemberAsync(tenant, "agent");

        var response = await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{UserId(agent)}", new { role = "boss" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["role"]);
        Assert.Equal("agent", (await app.MemberAsync(tenant, UserId(agent)))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Removing_a_member_revokes_their_token_at_once()
    {
        var tenant = await app.SignupAsync();
        var agent = await app.AddMemberAsync(tenant, "agent");
        var agentClient = app.Bearer(Token(agent));
        Assert.Equal(200, (int)(await agentClient.GetAsync("/api/auth/me")).StatusCode);

        var response = await app.Bearer(tenant.Token).DeleteAsync($"/api/team/{UserId(agent)}");

        Assert.Equal(204, (int)response.StatusCode);
        await (await agentClient.GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
        Assert.Null(await app.MemberAsync(tenant, UserId(agent)));
    }

    [Fact]
    public async Task Removing_a_member_frees_their_email_for_a_new_signup()
    {
        var tenant = await app.SignupAsync();
        var email = NewEmail();
        var agent = await app.AddMemberAsync(tenant, "agent", email);
        Assert.Equal(204, (int)(await app.Bearer(tenant.Token).DeleteAsync($"/api/team/{UserId(agent)}")).StatusCode);

        var signup = await app.CreateClient().PostAsJsonAsync("/api/auth/signup", new { businessName = "Second Life", email, password = ApiClient.Password });

        Assert.Equal(201, (int)signup.StatusCode);
        var login = await app.LoginAsync(email, ApiClient.Password);
        Assert.NotEqual(tenant.TenantId, login["user"]!["tenantId"]!.GetValue<string>());
        Assert.Equal("owner", login["user"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_demotion_applies_to_the_members_very_next_request()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");
        var adminClient = app.Bearer(Token(admin));
        Assert.Equal(200, (int)(await adminClient.GetAsync("/api/team")).StatusCode);

        Assert.Equal(200, (int)(await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{UserId(admin)}", new { role = "viewer" })).StatusCode);

        await (await adminClient.GetAsync("/api/team")).AssertProblemAsync(403, "forbidden");
        Assert.Equal("viewer", (await (await adminClient.GetAsync("/api/auth/me")).JsonAsync())["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_removed_member_cannot_log_in()
    {
        var tenant = await app.SignupAsync();
        var email = NewEmail();
        var agent = await app.AddMemberAsync(tenant, "agent", email);
        Assert.Equal(204, (int)(await app.Bearer(tenant.Token).DeleteAsync($"/api/team/{UserId(agent)}")).StatusCode);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = ApiClient.Password });

        await response.AssertProblemAsync(401, "invalid_credentials");
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("usr_..")]
    public async Task Malformed_user_id_is_not_found(string userId)
    {
        var tenant = await app.SignupAsync();

        var put = await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{userId}", new { role = "viewer" });
        var delete = await app.Bearer(tenant.Token).DeleteAsync($"/api/team/{userId}");

        await put.AssertProblemAsync(404, "not_found");
        await delete.AssertProblemAsync(404, "not_found");
    }
}
