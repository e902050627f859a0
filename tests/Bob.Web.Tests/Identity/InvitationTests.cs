using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Bob.Web.Tests.Identity.TeamApi;

namespace Bob.Web.Tests.Identity;

/// <summary>Inviting a member: the link, accepting it once, and every way an invitation is refused.</summary>
public sealed class InvitationTests(BobWebApp app) : IClassFixture<BobWebApp>
{
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
        var member = await app.MemberAsync(tenant, UserId(login));
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
}
