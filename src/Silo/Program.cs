using Bob.Grains.Abstractions.Hosting;
using Orleans.Dashboard;

namespace Bob.Silo;

/// <summary>The standalone silo process (deploy/cluster.sh runs several); the dashboard listens on loopback only.</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var siloOptions = builder.Configuration.GetSection(BobSiloOptions.Section).Get<BobSiloOptions>() ?? new BobSiloOptions();

        await SchemaMigrator.ApplyAsync(BobConfiguration.ConnectionString(builder.Configuration));

        builder.UseOrleans(silo =>
        {
            silo.AddBobSilo(builder.Configuration);
            silo.AddDashboard();
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{(siloOptions.DashboardPort > 0 ? siloOptions.DashboardPort : 8080)}");

        var app = builder.Build();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        await app.RunAsync();
    }
}
