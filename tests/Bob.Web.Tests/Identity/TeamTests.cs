using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bob.Web.Tests.Identity;

public sealed class TeamTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static string NewEmail() => $"member-{Guid.NewGuid():N}@example.com";

    private static string Token(JsonObject login) => login["token"]!.GetValue<string>();

    private static string UserId(JsonObject login) => login["user"]!["id"]!.GetValue<string>();

    private async Task<JsonNode?> MemberAsync(TestTenant tenant, string userId) =>
        (await app.TeamAsync(tenant.Token))["members"]!.AsArray().SingleOrDefault(m => m!["id"]!.GetValue<string>() == userId);

    [Fact]
    public async Task Invitation_answers_201_with_a_link_carrying_its_token()
    {
        var tenant = await app.SignupAsync();
        var email = NewEmail();

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email, role = "agent" });

        Assert.Equal(201, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(body["id"]!.GetValue<string>()));
        Assert.Equal(email, body["email"]!.GetValue<string>());
        Assert.Equal("agent", body["role"]!.GetValue<string>());
        var token = body["inviteToken"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Contains(Uri.EscapeDataString(token), body["inviteUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(body["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Accepting_an_invitation_logs_in_and_joins_the_team_with_the_role()
    {
        var tenant = await app.SignupAsync();
        var email = NewEmail();
        var invite = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email, role = "admin" })).JsonAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = invite["inviteToken"]!.GetValue<string>(), password = ApiClient.Password });

        Assert.Equal(200, (int)response.StatusCode);
        var login = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(login["csrfToken"]!.GetValue<string>()));
        Assert.Equal(tenant.TenantId, login["user"]!["tenantId"]!.GetValue<string>());
        Assert.Equal("admin", login["user"]!["role"]!.GetValue<string>());
        Assert.Contains("team.manage", login["user"]!["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.StartsWith("bob_session=", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        var member = await MemberAsync(tenant, UserId(login));
        Assert.Equal(email, member!["email"]!.GetValue<string>());
        Assert.Equal("admin", member["role"]!.GetValue<string>());
        Assert.Empty((await app.TeamAsync(tenant.Token))["invitations"]!.AsArray());
        Assert.Equal(200, (int)(await app.Bearer(Token(login)).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_invitation_can_be_accepted_only_once()
    {
        var tenant = await app.SignupAsync();
        var invite = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role = "agent" })).JsonAsync();
        var body = new { token = invite["inviteToken"]!.GetValue<string>(), password = ApiClient.Password };
        Assert.Equal(200, (int)(await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", body)).StatusCode);

        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", body);

        await again.AssertProblemAsync(400, "invalid_invitation");
        Assert.Equal(2, (await app.TeamAsync(tenant.Token))["members"]!.AsArray().Count);
    }

    [Fact]
    public async Task Unknown_invitation_token_is_an_invalid_invitation()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = "no-such-invitation", password = ApiClient.Password });

        await response.AssertProblemAsync(400, "invalid_invitation");
    }

    [Fact]
    public async Task Inviting_with_an_unknown_role_is_a_validation_failure_and_stores_nothing()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role = "boss" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["role"]);
        Assert.Empty((await app.TeamAsync(tenant.Token))["invitations"]!.AsArray());
    }

    [Fact]
    public async Task Inviting_the_platform_admin_role_is_a_validation_failure()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role = "platform_admin" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["role"]);
    }

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
        Assert.Equal("agent", (await MemberAsync(tenant, UserId(agent)))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_cannot_remove_an_owner()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");

        var response = await app.Bearer(Token(admin)).DeleteAsync($"/api/team/{tenant.OwnerId}");

        await response.AssertProblemAsync(403, "forbidden");
        Assert.NotNull(await MemberAsync(tenant, tenant.OwnerId));
    }

    [Fact]
    public async Task The_last_owner_cannot_be_demoted()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{tenant.OwnerId}", new { role = "admin" });

        await response.AssertProblemAsync(409, "last_owner");
        Assert.Equal("owner", (await MemberAsync(tenant, tenant.OwnerId))!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_owner_cannot_be_removed()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).DeleteAsync($"/api/team/{tenant.OwnerId}");

        await response.AssertProblemAsync(409, "last_owner");
        Assert.NotNull(await MemberAsync(tenant, tenant.OwnerId));
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
        Assert.Equal("agent", (await MemberAsync(tenant, UserId(agent)))!["role"]!.GetValue<string>());
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
        Assert.Null(await MemberAsync(tenant, UserId(agent)));
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
    public async Task Inviting_an_email_that_has_an_account_is_refused()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = other.OwnerEmail.ToUpperInvariant(), role = "agent" });

        await response.AssertProblemAsync(409, "email_taken");
        Assert.Empty((await app.TeamAsync(tenant.Token))["invitations"]!.AsArray());
    }

    [Fact]
    public async Task Inviting_with_missing_fields_reports_each_field()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsync("/api/team/invitations", ApiClient.RawJson("{}"));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.NotNull(problem["errors"]!["role"]);
    }

    [Fact]
    public async Task Inviting_a_bad_email_is_a_validation_failure()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = "not-an-email", role = "agent" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.Empty((await app.TeamAsync(tenant.Token))["invitations"]!.AsArray());
    }

    [Fact]
    public async Task Reinviting_an_email_voids_the_earlier_link()
    {
        var tenant = await app.SignupAsync();
        var email = NewEmail();
        var owner = app.Bearer(tenant.Token);
        var first = await (await owner.PostAsJsonAsync("/api/team/invitations", new { email, role = "agent" })).JsonAsync();
        Assert.Equal(201, (int)(await owner.PostAsJsonAsync("/api/team/invitations", new { email, role = "viewer" })).StatusCode);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = first["inviteToken"]!.GetValue<string>(), password = ApiClient.Password });

        await response.AssertProblemAsync(400, "invalid_invitation");
        var invitation = Assert.Single((await app.TeamAsync(tenant.Token))["invitations"]!.AsArray());
        Assert.Equal("viewer", invitation!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Accepting_with_a_short_password_is_refused_and_keeps_the_invitation()
    {
        var tenant = await app.SignupAsync();
        var invite = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role = "agent" })).JsonAsync();
        var token = invite["inviteToken"]!.GetValue<string>();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token, password = "short" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["password"]);
        Assert.Single((await app.TeamAsync(tenant.Token))["members"]!.AsArray());
        Assert.Equal(200, (int)(await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token, password = ApiClient.Password })).StatusCode);
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
