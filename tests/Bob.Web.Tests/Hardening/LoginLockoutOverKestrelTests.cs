using System.Net;
using System.Net.Http.Json;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Hardening;

/// <summary>
/// Lockout is no weapon: over real Kestrel, with clients on two different loopback addresses (127.0.0.2, 127.0.0.3),
/// a stranger's five wrong passwords lock the stranger's address only, and the owner logs in from theirs.
/// </summary>
public sealed class LoginLockoutOverKestrelTests(KestrelBobWebApp app) : IClassFixture<KestrelBobWebApp>
{
    [Fact]
    public async Task A_strangers_failed_logins_lock_their_address_and_not_the_owner()
    {
        var tenant = await app.SignupAsync();
        using var stranger = LoopbackClients.From(app, "127.0.0.2");
        using var owner = LoopbackClients.From(app, "127.0.0.3");
        for (var i = 0; i < 5; i++)
        {
            await (await stranger.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = "wrong-password" })).AssertProblemAsync(401, "invalid_credentials");
        }

        var strangerLocked = await stranger.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });
        var ownerIn = await owner.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });

        await strangerLocked.AssertProblemAsync(429, "login_throttled");
        Assert.True(strangerLocked.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, ownerIn.StatusCode);
    }
}
