using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace Bob.Hosting.Management;

/// <summary>
/// The Orleans Dashboard (silos, grains, calls per second, latency) at <c>/dashboard</c> on the management port of
/// every node: standalone silos, web nodes co-hosting a silo, and web-only nodes (as an Orleans client reading the
/// silos' dashboard grains). It has no login of its own: the management port is its boundary (docs/operations.md).
/// </summary>
public static class ClusterDashboard
{
    public const string Path = "/dashboard";

    /// <summary><c>Bob:Dashboard:Enabled</c> (default true): the dashboard's grain call profiling costs a little on every call.</summary>
    public static bool Enabled(IConfiguration configuration) => configuration.GetValue("Bob:Dashboard:Enabled", true);

    public static ISiloBuilder AddBobDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        Enabled(configuration) ? silo.AddDashboard(Configure) : silo;

    public static IClientBuilder AddBobDashboard(this IClientBuilder client, IConfiguration configuration) =>
        Enabled(configuration) ? client.AddDashboard(Configure) : client;

    public static void MapBobDashboard(this WebApplication app)
    {
        if (Enabled(app.Configuration))
        {
            app.MapOrleansDashboard(routePrefix: Path).WithMetadata(ManagementPort.OnlyMarker);
        }
    }

    // The live log stream would put every log line of the silo in a browser tab: logs go to the log pipeline instead.
    private static void Configure(DashboardOptions options) => options.HideTrace = true;
}
