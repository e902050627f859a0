using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Tests.Audit;
using Bob.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Billing;

/// <summary>Plans and seats on the seed pricebook (nothing here publishes, so the live version stays V1).</summary>
public sealed class PlanAndSeatTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static string NewEmail(string role = "member") => $"{role}-{Guid.NewGuid():N}@example.com";

    private async Task<HttpResponseMessage> InviteAsync(TestTenant tenant, string role, string? email = null) =>
        await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = email ?? NewEmail(role), role });

    private async Task<JsonObject> TenantAsync(TestTenant tenant) => await (await app.Bearer(tenant.Token).GetAsync("/api/tenant")).JsonAsync();

    private async Task<HttpResponseMessage> ChangePlanAsync(TestTenant tenant, string plan) =>
        await app.Bearer(tenant.Token).PutAsJsonAsync("/api/tenant/plan", new { plan });

    private ITenantGrain TenantGrain(TestTenant tenant) => app.Services.GetRequiredService<IClusterClient>().GetGrain<ITenantGrain>(tenant.TenantId);

    [Fact]
    public async Task Signup_puts_the_tenant_on_starter_under_the_live_seed_pricebook_for_this_month()
    {
        var tenant = await app.SignupAsync();

        var view = await TenantAsync(tenant);
        var live = await (await app.CreateClient().GetAsync("/api/pricebook")).JsonAsync();

        Assert.Equal("starter", view["plan"]!.GetValue<string>());
        Assert.Equal(1, view["pricebookVersion"]!.GetValue<int>());
        Assert.Equal("active", view["status"]!.GetValue<string>());
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero), view["period"]!["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1), view["period"]!["end"]!.GetValue<DateTimeOffset>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"includedCredits":15000,"seats":3,"integrations":1}"""), view["limits"]));
        Assert.Equal(1, view["seatsUsed"]!.GetValue<int>());
        Assert.Equal(1, live["version"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(BillingApi.SeedPlans(), live["plans"]));
    }

    [Fact]
    public async Task On_starter_the_third_seat_is_taken_and_the_fourth_refused_while_viewers_stay_free()
    {
        var tenant = await app.SignupAsync();
        await app.AddMemberAsync(tenant, "agent");

        var third = await InviteAsync(tenant, "admin");
        var fourth = await InviteAsync(tenant, "agent");
        var viewer = await InviteAsync(tenant, "viewer");

        Assert.Equal(201, (int)third.StatusCode);
        await fourth.AssertProblemAsync(409, "seat_limit_reached");
        Assert.Equal(201, (int)viewer.StatusCode);
        var team = await app.TeamAsync(tenant.Token);
        Assert.Equal(["admin", "viewer"], team["invitations"]!.AsArray().Select(i => i!["role"]!.GetValue<string>()).Order());
        Assert.Equal(3, (await TenantAsync(tenant))["seatsUsed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Re_inviting_an_email_keeps_its_one_seat_and_cancelling_an_invitation_frees_it()
    {
        var tenant = await app.SignupAsync();
        var email = NewEmail();
        await InviteAsync(tenant, "agent");
        var first = await (await InviteAsync(tenant, "agent", email)).JsonAsync();

        var again = await InviteAsync(tenant, "admin", email);
        var cancel = await app.Bearer(tenant.Token).DeleteAsync($"/api/team/invitations/{(await again.JsonAsync())["id"]}");
        var afterCancel = await InviteAsync(tenant, "agent");

        Assert.Equal(201, (int)again.StatusCode);
        Assert.Equal(204, (int)cancel.StatusCode);
        Assert.Equal(201, (int)afterCancel.StatusCode);
        var accept = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = first["inviteToken"]!.GetValue<string>(), password = ApiClient.Password });
        await accept.AssertProblemAsync(400, "invalid_invitation");
        await (await app.Bearer(tenant.Token).DeleteAsync("/api/team/invitations/inv_unknown")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task Promoting_a_viewer_past_the_seats_is_refused_but_moving_between_seat_roles_is_not()
    {
        var tenant = await app.SignupAsync();
        var agent = await app.AddMemberAsync(tenant, "agent");
        await app.AddMemberAsync(tenant, "admin");
        var viewer = await app.AddMemberAsync(tenant, "viewer");
        var owner = app.Bearer(tenant.Token);

        var promote = await owner.PutAsJsonAsync($"/api/team/{viewer["user"]!["id"]}", new { role = "agent" });
        var sideways = await owner.PutAsJsonAsync($"/api/team/{agent["user"]!["id"]}", new { role = "admin" });

        await promote.AssertProblemAsync(409, "seat_limit_reached");
        Assert.Equal(200, (int)sideways.StatusCode);
        var roles = (await app.TeamAsync(tenant.Token))["members"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()).Order();
        Assert.Equal(["admin", "admin", "owner", "viewer"], roles);
    }

    [Fact]
    public async Task Upgrading_to_pro_raises_the_limits_at_once()
    {
        var tenant = await app.SignupAsync();
        await InviteAsync(tenant, "agent");
        await InviteAsync(tenant, "agent");

        var upgrade = await ChangePlanAsync(tenant, "pro");
        var fourth = await InviteAsync(tenant, "agent");

        Assert.Equal(200, (int)upgrade.StatusCode);
        var view = await upgrade.JsonAsync();
        Assert.Equal("pro", view["plan"]!.GetValue<string>());
        Assert.Equal(1, view["pricebookVersion"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"includedCredits":75000,"seats":10,"integrations":3}"""), view["limits"]));
        Assert.Equal(201, (int)fourth.StatusCode);
        Assert.Equal("pro", (await TenantAsync(tenant))["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_downgrade_is_refused_while_seats_exceed_the_smaller_plan_and_allowed_once_they_fit()
    {
        var tenant = await app.SignupAsync();
        await ChangePlanAsync(tenant, "pro");
        await app.AddMemberAsync(tenant, "agent");
        await app.AddMemberAsync(tenant, "agent");
        var pending = await (await InviteAsync(tenant, "admin")).JsonAsync();

        var refused = await ChangePlanAsync(tenant, "starter");
        Assert.Equal(204, (int)(await app.Bearer(tenant.Token).DeleteAsync($"/api/team/invitations/{pending["id"]}")).StatusCode);
        var allowed = await ChangePlanAsync(tenant, "starter");

        var problem = await refused.AssertProblemAsync(409, "seat_limit_reached");
        Assert.Contains("4", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, (int)allowed.StatusCode);
        Assert.Equal("starter", (await TenantAsync(tenant))["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_downgrade_is_refused_while_integrations_exceed_the_smaller_plan()
    {
        var tenant = await app.SignupAsync();
        await ChangePlanAsync(tenant, "pro");
        Assert.True((await TenantGrain(tenant).AdmitIntegrationAsync("wh_one")).IsSuccess);
        Assert.True((await TenantGrain(tenant).AdmitIntegrationAsync("wh_two")).IsSuccess);

        var refused = await ChangePlanAsync(tenant, "starter");
        await TenantGrain(tenant).ReleaseIntegrationAsync("wh_two");
        var allowed = await ChangePlanAsync(tenant, "starter");

        await refused.AssertProblemAsync(409, "integration_limit_reached");
        Assert.Equal(200, (int)allowed.StatusCode);
        Assert.Equal(FailureCodes.IntegrationLimitReached, (await TenantGrain(tenant).AdmitIntegrationAsync("wh_three")).Failure?.Code);
    }

    [Theory]
    [InlineData("""{"plan":"gold"}""")]
    [InlineData("""{"plan":"Starter"}""")]
    [InlineData("""{"plan":""}""")]
    [InlineData("""{}""")]
    public async Task An_unknown_or_missing_plan_is_refused_and_nothing_changes(string body)
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PutAsync("/api/tenant/plan", ApiClient.RawJson(body));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["plan"]);
        Assert.Equal("starter", (await TenantAsync(tenant))["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_owner_changes_the_plan()
    {
        var tenant = await app.SignupAsync();
        var admin = await app.AddMemberAsync(tenant, "admin");
        var agent = await app.AddMemberAsync(tenant, "agent");
        var viewer = await app.AddMemberAsync(tenant, "viewer");

        foreach (var member in new[] { admin, agent, viewer })
        {
            var response = await app.Bearer(member["token"]!.GetValue<string>()).PutAsJsonAsync("/api/tenant/plan", new { plan = "pro" });
            await response.AssertProblemAsync(403, "forbidden");
            Assert.Equal(200, (int)(await app.Bearer(member["token"]!.GetValue<string>()).GetAsync("/api/tenant")).StatusCode);
        }
        await (await app.CreateClient().PutAsJsonAsync("/api/tenant/plan", new { plan = "pro" })).AssertProblemAsync(401, "unauthenticated");
        Assert.Equal("starter", (await TenantAsync(tenant))["plan"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plan_change_is_one_audit_entry_and_a_repeated_refused_or_invalid_change_is_none()
    {
        var tenant = await app.SignupAsync();

        Assert.Equal(200, (int)(await ChangePlanAsync(tenant, "pro")).StatusCode);
        Assert.Equal(200, (int)(await ChangePlanAsync(tenant, "pro")).StatusCode);
        await (await ChangePlanAsync(tenant, "gold")).AssertProblemAsync(400, "validation_failed");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(201, (int)(await InviteAsync(tenant, "agent")).StatusCode);
        }
        await (await ChangePlanAsync(tenant, "starter")).AssertProblemAsync(409, "seat_limit_reached");

        var entry = Assert.Single(await app.AuditEntriesAsync(tenant.Token, "action=plan.changed"));
        Assert.Equal("user", entry.ActorType());
        Assert.Equal(tenant.OwnerId, entry.ActorId());
        Assert.Equal("tenant", entry["target"]!["type"]!.GetValue<string>());
        Assert.Equal(tenant.TenantId, entry.TargetId());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"plan":"starter","pricebookVersion":1}"""), entry["before"]), entry.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"plan":"pro","pricebookVersion":1}"""), entry["after"]), entry.ToJsonString());
    }
}
