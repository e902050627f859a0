using Bob.Hosting;
using Bob.Hosting.Health;
using Bob.Hosting.Management;
using Bob.Hosting.Telemetry;

namespace Bob.Silo;

/// <summary>
/// The standalone silo process. <c>Bob.Silo</c> runs a silo whose only HTTP port is the management port
/// (<c>Bob:Management:Port</c>, default 8080: probes, <c>/metrics</c>, <c>/dashboard</c>); <c>Bob.Silo migrate</c>
/// applies the schema and exits; <c>Bob.Silo healthcheck</c> asks a running silo's readiness (container health checks).
/// </summary>
public static class SiloProgram
{
    public const string ServiceName = "bob-silo";
    public const int DefaultManagementPort = 8080;

    public static async Task<int> Main(string[] args)
    {
        if (MigrateCommand.IsRequested(args))
        {
            return await MigrateCommand.RunAsync(args);
        }
        if (HealthProbeCommand.IsRequested(args))
        {
            return await HealthProbeCommand.RunAsync(args, DefaultManagementPort);
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddBobHostDefaults(ServiceName, publicUrls: false, DefaultManagementPort);
        await SchemaAtStart.PrepareAsync(builder.Configuration);
        builder.UseOrleans(silo => silo.AddBobSilo(builder.Configuration));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.Ready])
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [HealthEndpoints.Ready]);

        var app = builder.Build();
        app.UseRouting();
        app.UseBobManagementPort();
        app.MapBobHealthEndpoints();
        app.MapBobMetrics();
        app.MapBobDashboard();
        await app.RunAsync();
        return 0;
    }
}
