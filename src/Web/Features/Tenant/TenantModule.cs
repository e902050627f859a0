using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Tenant;

public sealed record SettingsBody(bool? PublicChat, string? AssistantEngine);

public sealed record PlanBody(string? Plan);

public sealed class TenantModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/tenant").WithTags("Tenant").RequireAuthorization()
            .ProducesProblems(401, 503);

        app.MapGet("/", GetTenantAsync).WithName("GetTenant")
            .WithSummary("This tenant: name, status, plan, the pricebook version it was subscribed under, the billing period, limits and seats in use");
        app.MapPut("/plan", ChangePlanAsync).RequirePermission(Permissions.BillingManage).WithName("ChangePlan")
            .WithSummary("Subscribe to a plan under the live pricebook; refused while seats or integrations exceed the new plan").ProducesProblems(403);
        app.MapGet("/settings", GetTenantSettingsAsync).WithName("GetTenantSettings")
            .WithSummary("This tenant's settings: public chat, suspension, assistant engine");
        app.MapPatch("/settings", UpdateTenantSettingsAsync).RequirePermission(Permissions.GovernanceManage).WithName("UpdateTenantSettings")
            .WithSummary("Change the assistant engine (builtin or hosted) or public chat (an alias of publicChat in PUT /api/governance, audited the same way)")
            .ProducesProblems(403);
    }

    public static async Task<Results<Ok<TenantOverview>, Problem<Status404>>> GetTenantAsync(Caller caller, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetOverviewAsync() is { } tenant ? TypedResults.Ok(tenant) : Problem<Status404>.For(Failure.NotFound("Tenant"));

    public static async Task<Results<Ok<TenantOverview>, Problem<Status400, Status404, Status409>>> ChangePlanAsync(PlanBody body, Caller caller, IClusterClient cluster) =>
        (await PlanActions.ChangeAsync(cluster, caller.Tenant.Value, body.Plan)).OkOr(Problem<Status400, Status404, Status409>.For);

    public static async Task<Ok<TenantSettings>> GetTenantSettingsAsync(Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetSettingsAsync());

    /// <summary>The engine first (the tenant refuses an unknown one before anything is stored), then public chat through governance.</summary>
    public static async Task<Results<Ok<TenantSettings>, Problem<Status400, Status404>>> UpdateTenantSettingsAsync(SettingsBody body, Caller caller, IClusterClient cluster)
    {
        var tenant = cluster.GetGrain<ITenantGrain>(caller.Tenant);
        if (body.AssistantEngine is not null && (await tenant.UpdateSettingsAsync(null, body.AssistantEngine)).Failure is { } refused)
        {
            return Problem<Status400, Status404>.For(refused);
        }
        if (body.PublicChat is { } publicChat)
        {
            var governance = cluster.GetGrain<IGovernanceGrain>(caller.Tenant.Value);
            if (await governance.GetAsync() is not { } current)
            {
                return Problem<Status400, Status404>.For(Failure.NotFound("Tenant"));
            }
            if ((await governance.UpdateAsync(current with { PublicChat = publicChat })).Failure is { } notChanged)
            {
                return Problem<Status400, Status404>.For(notChanged);
            }
        }
        return await tenant.GetSettingsAsync() is { } settings ? TypedResults.Ok(settings) : Problem<Status400, Status404>.For(Failure.NotFound("Tenant"));
    }
}
