using System.Net;
using System.Net.Http.Json;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Network;

/// <summary>
/// Behind a trusted proxy every visitor keeps their own per-IP buckets and login throttle; a client that is not a trusted
/// proxy cannot pick its address with <c>X-Forwarded-For</c>; IPv6 clients are counted per /64; and with an https public
/// URL the session cookie is Secure and HSTS is sent although the last hop is plain HTTP.
/// </summary>
public sealed class TrustedProxyTests(TrustedProxyApp app) : IClassFixture<TrustedProxyApp>
{
    [Fact]
    public async Task Two_clients_behind_one_trusted_proxy_have_their_own_limit()
    {
        using var first = LoopbackClients.From(app, TrustedProxyApp.Proxy, "203.0.113.5");
        using var second = LoopbackClients.From(app, TrustedProxyApp.Proxy, "198.51.100.9, 203.0.113.6");
        await SpendAuthBudgetAsync(first);

        await (await Login(first)).AssertProblemAsync(429, "too_many_requests");
        await (await Login(second)).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Forwarded_headers_from_a_client_that_is_not_a_trusted_proxy_are_ignored()
    {
        for (var i = 0; i < TrustedProxyApp.AuthPerMinute; i++)
        {
            using var client = LoopbackClients.From(app, TrustedProxyApp.Untrusted, $"192.0.2.{i + 1}");
            await (await Login(client)).AssertProblemAsync(401, "invalid_credentials");
        }

        using var fresh = LoopbackClients.From(app, TrustedProxyApp.Untrusted, "192.0.2.200");
        await (await Login(fresh)).AssertProblemAsync(429, "too_many_requests");
    }

    [Fact]
    public async Task A_client_cannot_prepend_an_address_to_dodge_its_limit()
    {
        using var honest = LoopbackClients.From(app, TrustedProxyApp.Proxy, "203.0.113.77");
        await SpendAuthBudgetAsync(honest);

        // What the proxy sends when the client itself wrote "X-Forwarded-For: 192.0.2.99": the real address stays last.
        using var spoofing = LoopbackClients.From(app, TrustedProxyApp.Proxy, "192.0.2.99, 203.0.113.77");
        await (await Login(spoofing)).AssertProblemAsync(429, "too_many_requests");
    }

    [Fact]
    public async Task Ipv6_clients_in_one_slash_64_share_a_bucket_and_another_64_does_not()
    {
        for (var i = 0; i < TrustedProxyApp.AuthPerMinute; i++)
        {
            using var client = LoopbackClients.From(app, TrustedProxyApp.Proxy, $"2001:db8:aa:1::{i + 1:x}");
            await (await Login(client)).AssertProblemAsync(401, "invalid_credentials");
        }

        using var sameSlash64 = LoopbackClients.From(app, TrustedProxyApp.Proxy, "2001:db8:aa:1:ffff:ffff:ffff:fffe");
        using var otherSlash64 = LoopbackClients.From(app, TrustedProxyApp.Proxy, "2001:db8:aa:2::1");
        await (await Login(sameSlash64)).AssertProblemAsync(429, "too_many_requests");
        await (await Login(otherSlash64)).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Ipv6_clients_in_one_slash_64_share_the_anonymous_chat_limit()
    {
        var tenant = await app.SignupAsync();
        for (var i = 0; i < TrustedProxyApp.ChatPerMinute; i++)
        {
            using var client = LoopbackClients.From(app, TrustedProxyApp.Proxy, $"2001:db8:bb:7::{i + 1:x}");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/api/widget/config?key={tenant.WidgetKey}")).StatusCode);
        }

        using var sameSlash64 = LoopbackClients.From(app, TrustedProxyApp.Proxy, "2001:db8:bb:7:1:2:3:4");
        using var otherSlash64 = LoopbackClients.From(app, TrustedProxyApp.Proxy, "2001:db8:bb:8::1");
        await (await sameSlash64.GetAsync($"/api/widget/config?key={tenant.WidgetKey}")).AssertProblemAsync(429, "too_many_requests");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await otherSlash64.GetAsync($"/api/widget/config?key={tenant.WidgetKey}")).StatusCode);
    }

    [Fact]
    public async Task A_strangers_failed_logins_behind_the_proxy_lock_only_the_stranger()
    {
        var tenant = await app.SignupAsync();
        using var stranger = LoopbackClients.From(app, TrustedProxyApp.Proxy, "198.51.100.66");
        using var owner = LoopbackClients.From(app, TrustedProxyApp.Proxy, "198.51.100.67");
        for (var i = 0; i < 5; i++)
        {
            await (await stranger.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = "wrong-password" })).AssertProblemAsync(401, "invalid_credentials");
        }

        var strangerLocked = await stranger.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });
        var ownerIn = await owner.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });

        await strangerLocked.AssertProblemAsync(429, "login_throttled");
        Assert.Equal(HttpStatusCode.OK, ownerIn.StatusCode);
    }

    [Fact]
    public async Task Behind_a_plain_http_last_hop_the_session_cookie_is_secure_and_hsts_is_sent()
    {
        var tenant = await app.SignupAsync();
        using var browser = LoopbackClients.From(app, TrustedProxyApp.Proxy, "203.0.113.200");

        var login = await browser.PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bob_session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("max-age=31536000", Assert.Single((await browser.GetAsync("/health/live")).Headers.GetValues("Strict-Transport-Security")));
    }

    private static Task<HttpResponseMessage> Login(HttpClient client) =>
        client.PostAsJsonAsync("/api/auth/login", new { email = $"{Guid.NewGuid():N}@example.com", password = "whatever-password" });

    private static async Task SpendAuthBudgetAsync(HttpClient client)
    {
        for (var i = 0; i < TrustedProxyApp.AuthPerMinute; i++)
        {
            await (await Login(client)).AssertProblemAsync(401, "invalid_credentials");
        }
    }
}
