using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bob.Web.Tests.Identity;

/// <summary>
/// The platform keeps at least one platform_admin, and only a platform_admin grants the role, changes another's or
/// removes one. Owns its node: the story changes the platform team, which no other class may see half-way.
/// </summary>
public sealed class PlatformRoleTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Only_a_platform_admin_moves_the_role_and_the_last_one_stays()
    {
        var root = await app.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
        var rootId = UserId(root);
        var rootClient = app.Bearer(Token(root));
        var staff = await InviteAsync(rootClient, "admin");
        var staffClient = app.Bearer(Token(staff));

        // A platform-tenant admin may manage the team, but not the platform_admin role.
        await (await staffClient.PutAsJsonAsync($"/api/team/{rootId}", new { role = "viewer" })).AssertProblemAsync(403, "forbidden");
        await (await staffClient.DeleteAsync($"/api/team/{rootId}")).AssertProblemAsync(403, "forbidden");
        await (await staffClient.PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role = "platform_admin" })).AssertProblemAsync(403, "forbidden");
        await (await staffClient.PutAsJsonAsync($"/api/team/{UserId(staff)}", new { role = "platform_admin" })).AssertProblemAsync(403, "forbidden");

        // The last platform_admin can neither step down nor leave.
        await (await rootClient.PutAsJsonAsync($"/api/team/{rootId}", new { role = "admin" })).AssertProblemAsync(409, "last_platform_admin");
        await (await rootClient.DeleteAsync($"/api/team/{rootId}")).AssertProblemAsync(409, "last_platform_admin");
        Assert.Equal("platform_admin", await RoleOfAsync(rootClient, rootId));

        // A platform_admin grants the role; then either may step down, until one is left.
        var promoted = await rootClient.PutAsJsonAsync($"/api/team/{UserId(staff)}", new { role = "platform_admin" });
        Assert.Equal(200, (int)promoted.StatusCode);
        Assert.Equal("platform_admin", (await promoted.JsonAsync())["role"]!.GetValue<string>());
        var demoted = await staffClient.PutAsJsonAsync($"/api/team/{rootId}", new { role = "admin" });
        Assert.Equal(200, (int)demoted.StatusCode);
        await (await staffClient.PutAsJsonAsync($"/api/team/{UserId(staff)}", new { role = "admin" })).AssertProblemAsync(409, "last_platform_admin");
        await (await staffClient.DeleteAsync($"/api/team/{UserId(staff)}")).AssertProblemAsync(409, "last_platform_admin");
        Assert.Equal("platform_admin", await RoleOfAsync(staffClient, UserId(staff)));
        Assert.Equal("admin", await RoleOfAsync(staffClient, rootId));
    }

    [Fact]
    public async Task A_business_cannot_grant_platform_admin()
    {
        var tenant = await app.SignupAsync();
        var agent = await app.AddMemberAsync(tenant, "agent");

        await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role = "platform_admin" })).AssertProblemAsync(400, "validation_failed");
        await (await app.Bearer(tenant.Token).PutAsJsonAsync($"/api/team/{UserId(agent)}", new { role = "platform_admin" })).AssertProblemAsync(400, "validation_failed");
        Assert.Equal("agent", await RoleOfAsync(app.Bearer(tenant.Token), UserId(agent)));
    }

    private async Task<JsonObject> InviteAsync(HttpClient inviter, string role)
    {
        var invite = await inviter.PostAsJsonAsync("/api/team/invitations", new { email = NewEmail(), role });
        Assert.Equal(201, (int)invite.StatusCode);
        var accept = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = (await invite.JsonAsync())["inviteToken"]!.GetValue<string>(), password = ApiClient.Password });
        Assert.Equal(200, (int)accept.StatusCode);
        return await accept.JsonAsync();
    }

    private static async Task<string?> RoleOfAsync(HttpClient client, string userId)
    {
        var team = await (await client.GetAsync("/api/team")).JsonAsync();
        return team["members"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == userId)!["role"]!.GetValue<string>();
    }

    private static string NewEmail() => $"staff-{Guid.NewGuid():N}@example.com";

    private static string Token(JsonObject login) => login["token"]!.GetValue<string>();

    private static string UserId(JsonObject login) => login["user"]!["id"]!.GetValue<string>();
}
