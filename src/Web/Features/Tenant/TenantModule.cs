using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Tenant;

public sealed class TenantModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/tenant").WithTags("Tenant").RequireAuthorization();
        app.MapGet("/", async (Caller caller, IClusterClient cluster) =>
            await cluster.GetGrain<ITenantGrain>(caller.Tenant.Value).GetAsync() is { } tenant
                ? TypedResults.Ok(tenant)
                : Problems.From(Failure.NotFound("Tenant"))).WithName("GetTenant");
    }
}
