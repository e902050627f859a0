using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bob.Testing;

/// <summary>The small Kestrel apps tests stand up beside Bob (a webhook receiver, a stand-in model, a tenant's site): quiet, quick to stop, on loopback only.</summary>
public static class LoopbackServer
{
    /// <summary>A slim app listening on <paramref name="url"/> (default: 127.0.0.1 on a port the system picks).</summary>
    public static WebApplication Build(string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        return builder.Build();
    }

    /// <summary>Where a started app listens, without a trailing slash.</summary>
    public static string Address(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}
