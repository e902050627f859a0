using Bob.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bob.Web.Tests.Infrastructure;

/// <summary>
/// A second web node that runs no silo: a pure Orleans client joining <paramref name="first"/>'s cluster through
/// the same PostgreSQL membership table, as a scaled-out web tier does.
/// </summary>
public sealed class ClientWebNode(BobWebApp first) : WebApplicationFactory<Program>
{
    public static async Task<ClientWebNode> StartAsync(BobWebApp first)
    {
        var node = new ClientWebNode(first);
        _ = node.Server;
        await Eventually.ReturnsAsync(() => node.CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
        return node;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Bob", first.ConnectionString);
        builder.UseSetting("Bob:Hosting:CoHostSilo", "false");
        builder.UseSetting("Bob:Cluster:ClusterId", first.ClusterId);
        builder.UseSetting("Bob:RateLimits:AuthPerMinutePerIp", "100000");
        builder.UseEnvironment("Development");
    }
}
