using Bob.Grains.Abstractions.Hosting;
using Orleans.Dashboard;
using Bob.Grains;
using Bob.Silo;

var builder = WebApplication.CreateBuilder(args);
var siloOptions = builder.Configuration.GetSection(BobSiloOptions.Section).Get<BobSiloOptions>() ?? new BobSiloOptions();

await SchemaMigrator.ApplyAsync(BobConfiguration.ConnectionString(builder.Configuration));

builder.UseOrleans(silo =>
{
    silo.AddBobSilo(builder.Configuration);
    silo.AddDashboard();
});
if (siloOptions.DashboardPort > 0)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{siloOptions.DashboardPort}");
}

var app = builder.Build();
// The standalone silo binds its dashboard to loopback only; operators reach it through an SSH tunnel or the web node.
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
await app.RunAsync();
