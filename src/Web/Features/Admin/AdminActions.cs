using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Web.Features.Admin;

/// <summary>What the platform admin reads of one tenant, as the API and the Admin Dashboard's tenant page both read it.</summary>
public static class AdminActions
{
    /// <returns>null when no such tenant exists.</returns>
    public static async Task<AdminTenantView?> ViewAsync(IClusterClient cluster, string id)
    {
        var tenant = cluster.GetGrain<ITenantGrain>(id);
        if (await tenant.GetOverviewAsync() is not { } overview || await cluster.GetGrain<IUsageGrain>(id).GetAsync() is not { IsSuccess: true } usage)
        {
            return null;
        }
        var team = await tenant.GetTeamAsync();
        return new AdminTenantView(overview, team.Members.Count, team.Invitations.Count, usage.Value!);
    }
}
