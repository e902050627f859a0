using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Tenant;

public sealed record SettingsBody(bool? PublicChat, string? AssistantEngine);

public sealed record PlanBody(string? Plan);

public sealed class TenantModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/tenant").WithTags("Tenant").RequireAuthorization();
        app.MapGet("/", async (Caller caller, IClusterClient cluster) =>
            await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetOverviewAsync() is { } tenant
                ? TypedResults.Ok(tenant)
                : Problems.From(Failure.NotFound("Tenant"))).WithName("GetTenant")
            .Describe<TenantOverview>("This tenant: name, status, plan, the pricebook version it was subscribed under, the billing period, limits and seats in use",
                StatusCodes.Status200OK, 401, 404, 503);
        app.MapPut("/plan", async (PlanBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await PlanActions.ChangeAsync(cluster, caller.Tenant.Value, body.Plan)).ToHttp(context)).RequirePermission(Permissions.BillingManage).WithName("ChangePlan")
            .Describe<TenantOverview>("Subscribe to a plan under the live pricebook; refused while seats or integrations exceed the new plan",
                StatusCodes.Status200OK, 400, 401, 403, 404, 409, 503);
        app.MapGet("/settings", async (Caller caller, IClusterClient cluster) =>
            TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetSettingsAsync())).WithName("GetTenantSettings")
            .Describe<TenantSettings>("This tenant's settings: public chat, suspension, assistant engine", StatusCodes.Status200OK, 401, 503);
        app.MapPatch("/settings", UpdateSettingsAsync)
            .RequirePermission(Permissions.GovernanceManage).WithName("UpdateTenantSettings")
            .Describe<TenantSettings>("Change the assistant engine (builtin or hosted) or public chat (an alias of publicChat in PUT /api/governance, audited the same way)",
                StatusCodes.Status200OK, 400, 401, 403, 404, 503);
    }

    /// <summary>The engine first (the tenant refuses an unknown one before anything is stored), then public chat through governance.</summary>
    private static async Task<IResult> UpdateSettingsAsync(SettingsBody body, Caller caller, IClusterClient cluster, HttpContext context)
    {
        var tenant = cluster.GetGrain<ITenantGrain>(caller.Tenant);
        if (body.AssistantEngine is not null && (await tenant.UpdateSettingsAsync(null, body.AssistantEngine)).Failure is { } refused)
        {
            return Problems.From(refused, context);
        }
        if (body.PublicChat is { } publicChat)
        {
            var governance = cluster.GetGrain<IGovernanceGrain>(caller.Tenant.Value);
            if (await governance.GetAsync() is not { } current)
            {
                return Problems.From(Failure.NotFound("Tenant"), context);
            }
            if ((await governance.UpdateAsync(current with { PublicChat = publicChat })).Failure is { } notChanged)
            {
                return Problems.From(notChanged, context);
            }
        }
        return await tenant.GetSettingsAsync() is { } settings ? TypedResults.Ok(settings) : Problems.From(Failure.NotFound("Tenant"), context);
    }
}
