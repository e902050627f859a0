using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Bob.Silo;

/// <summary>
/// At silo start: the pricebook is seeded (its grain seeds V1 on first activation), and every tenant stored before the
/// tenant directory existed writes its row, so the platform admin's list holds all tenants. Idempotent: a second silo
/// starting at once writes the same rows.
/// </summary>
public static class TenantDirectoryBackfill
{
    public static ISiloBuilder AddTenantDirectoryBackfill(this ISiloBuilder silo) =>
        silo.AddStartupTask(async (services, _) =>
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IPricebookGrain>(IPricebookGrain.Key).GetLiveAsync();
            var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
            foreach (var tenant in await services.GetRequiredService<TenantDirectory>().UnlistedAsync(serviceId))
            {
                await grains.GetGrain<ITenantGrain>(tenant).SyncDirectoryAsync();
            }
        });
}
