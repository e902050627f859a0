using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
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
        using var stranger = From("127.0.0.2");
        using var owner = From("127.0.0.3");
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

    /// <summary>A client whose connections leave from <paramref name="sourceAddress"/> (any 127/8 address is loopback on Linux).</summary>
    private HttpClient From(string sourceAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = app.CreateClient().BaseAddress,
    };
}
