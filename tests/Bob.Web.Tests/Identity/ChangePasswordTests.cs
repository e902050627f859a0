using System.Net.Http.Json;
using Bob.Web.Tests.Audit;

namespace Bob.Web.Tests.Identity;

/// <summary>POST /api/auth/change-password: the current password is proven, the policy holds, every session is signed out and a new one issued.</summary>
public sealed class ChangePasswordTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private const string NewPassword = "a brand new passphrase 42";

    [Fact]
    public async Task Changing_the_password_signs_out_every_session_returns_a_new_one_and_is_audited_once()
    {
        var tenant = await app.SignupAsync();
        var otherSession = (await app.LoginAsync(tenant.OwnerEmail, tenant.Password))["token"]!.GetValue<string>();
        var lastEntry = await app.LastAuditIdAsync(tenant.Token);

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/auth/change-password", new { currentPassword = tenant.Password, newPassword = NewPassword });

        Assert.Equal(200, (int)response.StatusCode);
        var fresh = (await response.JsonAsync())["token"]!.GetValue<string>();
        await (await app.Bearer(tenant.Token).GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
        await (await app.Bearer(otherSession).GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
        Assert.Equal(200, (int)(await app.Bearer(fresh).GetAsync("/api/auth/me")).StatusCode);
        var oldLogin = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });
        await oldLogin.AssertProblemAsync(401, "invalid_credentials");
        await app.LoginAsync(tenant.OwnerEmail, NewPassword);
        var entries = (await app.AuditEntriesAsync(fresh, "action=auth.password_changed")).Where(e => e.Id() > lastEntry).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(tenant.OwnerId, entry.ActorId());
        Assert.Equal(tenant.OwnerId, entry.TargetId());
        var log = string.Join('\n', (await app.AuditEntriesAsync(fresh)).Select(e => e.ToJsonString()));
        Assert.DoesNotContain(NewPassword, log, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Password, log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong current password", NewPassword, "currentPassword")]
    [InlineData(ApiClient.Password, "short", "newPassword")]
    [InlineData(ApiClient.Password, ApiClient.Password, "newPassword")]
    [InlineData(null, NewPassword, "currentPassword")]
    [InlineData(ApiClient.Password, null, "newPassword")]
    public async Task A_refused_change_keeps_the_password_and_the_session(string? current, string? next, string field)
    {
        var tenant = await app.SignupAsync();
        var lastEntry = await app.LastAuditIdAsync(tenant.Token);

        var response = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/auth/change-password", new { currentPassword = current, newPassword = next });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(200, (int)(await app.Bearer(tenant.Token).GetAsync("/api/auth/me")).StatusCode);
        await app.LoginAsync(tenant.OwnerEmail, tenant.Password);
        Assert.DoesNotContain(await app.AuditEntriesAsync(tenant.Token), e => e.Id() > lastEntry && e.Action() == "auth.password_changed");
    }

    [Fact]
    public async Task Without_a_login_the_change_is_refused()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "x", newPassword = NewPassword });

        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task Wrong_current_passwords_are_throttled_like_logins()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        for (var i = 0; i < 5; i++)
        {
            await (await owner.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = $"guess number {i}", newPassword = NewPassword }))
                .AssertProblemAsync(400, "validation_failed");
        }

        var throttled = await owner.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = tenant.Password, newPassword = NewPassword });

        await throttled.AssertProblemAsync(429, "login_throttled");
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_platform_admin_can_rotate_their_password()
    {
        var admin = (await app.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword))["token"]!.GetValue<string>();
        var rotated = "rotated admin passphrase 7";

        var changed = await app.Bearer(admin).PostAsJsonAsync("/api/auth/change-password", new { currentPassword = BobWebApp.AdminPassword, newPassword = rotated });
        Assert.Equal(200, (int)changed.StatusCode);
        var back = await app.Bearer((await changed.JsonAsync())["token"]!.GetValue<string>())
            .PostAsJsonAsync("/api/auth/change-password", new { currentPassword = rotated, newPassword = BobWebApp.AdminPassword });

        Assert.Equal(200, (int)back.StatusCode);
        await app.LoginAsync(BobWebApp.AdminEmail, BobWebApp.AdminPassword);
    }
}
