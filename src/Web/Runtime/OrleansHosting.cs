using Bob.Grains.Abstractions.Identity;
using Bob.Hosting.Configuration;
using Bob.Hosting.Management;
using Bob.Silo;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Bob.Web.Runtime;

public static class OrleansHosting
{
    /// <summary>
    /// <c>Bob:Hosting:CoHostSilo=true</c> (the single-machine default) runs a silo inside this web node;
    /// otherwise the node is a pure Orleans client that finds gateways through the same PostgreSQL membership table.
    /// </summary>
    public static async Task AddBobOrleansAsync(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddSingleton<ClusterChanges>().AddSingleton<ISiloLossSignal>(s => s.GetRequiredService<ClusterChanges>()).AddSingleton<SiloLossGuard>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<TenantTurnConfigCopies>();
        if (configuration.GetValue("Bob:Hosting:CoHostSilo", true))
        {
            await SchemaAtStart.PrepareAsync(configuration);
            builder.UseOrleans(silo => silo.AddBobSilo(configuration));
            return;
        }
        // Computed now, so a bad Bob:Database setting stops the node at start with its message.
        var connectionString = DatabaseTimeouts.ConnectionString(configuration);
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(o =>
            {
                o.Invariant = SiloComposition.Invariant;
                o.ConnectionString = connectionString;
            })
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = BobConfiguration.ClusterId(configuration);
                o.ServiceId = BobConfiguration.ServiceId(configuration);
            })
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
            .UseConnectionRetryFilter(RetryConnectingUntilStopped)
            .ConfigureServices(services => services.AddSingleton<IClusterConnectionStatusObserver>(s => s.GetRequiredService<ClusterChanges>()))
            .AddActivityPropagation()
            .AddBobDashboard(configuration));
    }

    private static async Task<bool> RetryConnectingUntilStopped(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }
}
