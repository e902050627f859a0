using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Tenant;

public sealed record SettingsBody(bool? PublicChat, string? AssistantEngine);

public sealed class TenantModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/tenant").WithTags("Tenant").RequireAuthorization();
        app.MapGet("/", async (Caller caller, IClusterClient cluster) =>
            await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetAsync() is { } tenant
                ? TypedResults.Ok(tenant)
                : Problems.From(Failure.NotFound("Tenant"))).WithName("GetTenant")
            .Describe<TenantSummary>("This tenant: name, plan, status", StatusCodes.Status200OK, 401, 404, 503);
        app.MapGet("/settings", async (Caller caller, IClusterClient cluster) =>
            TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetSettingsAsync())).WithName("GetTenantSettings")
            .Describe<TenantSettings>("This tenant's settings: public chat, suspension, assistant engine", StatusCodes.Status200OK, 401, 503);
        app.MapPatch("/settings", async (SettingsBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await cluster.GetGrain<ITenantGrain>(caller.Tenant).UpdateSettingsAsync(body.PublicChat, body.AssistantEngine)).ToHttp(context))
            .RequirePermission(Permissions.GovernanceManage).WithName("UpdateTenantSettings")
            .Describe<TenantSettings>("Change public chat or the assistant engine (builtin or hosted)", StatusCodes.Status200OK, 400, 401, 403, 404, 503);
    }
}
