using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Http;

namespace Bob.Web.Features.Tenant;

/// <summary>What one tenant's plan page shows: its overview (plan, limits, seats and integrations in use), this period's
/// usage, and the live pricebook it can change to.</summary>
public sealed record PlanChoice(TenantOverview Tenant, TenantUsage Usage, PricebookVersion Live);

/// <summary>
/// A plan change as <c>PUT /api/tenant/plan</c>, <c>PUT /api/admin/tenants/{id}/plan</c> and both consoles make it: the
/// same required field, the same tenant grain rules (seats and integrations must fit), the same audit entry.
/// </summary>
public static class PlanActions
{
    public static async Task<Result<TenantOverview>> ChangeAsync(IClusterClient cluster, string tenantId, string? plan)
    {
        if (new Fields().Required("plan", plan).Failure is { } invalid)
        {
            return invalid;
        }
        return await cluster.GetGrain<ITenantGrain>(tenantId).ChangePlanAsync(plan!);
    }

    /// <returns>null when no such tenant exists.</returns>
    public static async Task<PlanChoice?> ChoiceAsync(IClusterClient cluster, string tenantId)
    {
        if (await cluster.GetGrain<ITenantGrain>(tenantId).GetOverviewAsync() is not { } overview
            || await cluster.GetGrain<IUsageGrain>(tenantId).GetAsync() is not { IsSuccess: true } usage)
        {
            return null;
        }
        return new PlanChoice(overview, usage.Value!, await cluster.GetGrain<IPricebookGrain>(IPricebookGrain.Key).GetLiveAsync());
    }
}
