using Bob.Hosting;
using Bob.Hosting.Management;
using Bob.Hosting.Telemetry;

namespace Bob.Web.Runtime;

/// <summary>The web node's logs, traces, metrics and management port, hooked into Program.cs in a few lines.</summary>
public static class Telemetry
{
    public const string ServiceName = "bob-web";

    public static WebApplicationBuilder AddBobObservability(this WebApplicationBuilder builder)
    {
        builder.AddBobHostDefaults(ServiceName, publicUrls: true, defaultManagementPort: 0);
        builder.Services.AddSingleton<WebMetrics>();
        return builder;
    }

    /// <summary><c>/metrics</c> and <c>/dashboard</c>, on the management port only.</summary>
    public static void MapBobManagementEndpoints(this WebApplication app)
    {
        app.MapBobMetrics();
        app.MapBobDashboard();
    }
}
