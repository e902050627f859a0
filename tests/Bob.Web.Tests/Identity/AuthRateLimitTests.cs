using System.Net.Http.Json;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Identity;

/// <summary>Owns a node with a low per-address limit on auth routes, so no other test may share it.</summary>
public sealed class AuthRateLimitTests(LowAuthRateLimitApp app) : IClassFixture<LowAuthRateLimitApp>
{
    [Fact]
    public async Task Auth_route_beyond_the_per_ip_limit_answers_429_with_retry_after()
    {
        var body = new { email = $"{Guid.NewGuid():N}@example.com", password = "whatever-password" };
        for (var i = 0; i < LowAuthRateLimitApp.AuthPerMinute; i++)
        {
            await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", body)).AssertProblemAsync(401, "invalid_credentials");
        }

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", body);

        await response.AssertProblemAsync(429, "too_many_requests");
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(200, (int)(await app.CreateClient().GetAsync("/health/live")).StatusCode);
    }
}
