using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Usage;

public sealed class UsageModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/usage", async (Caller caller, IClusterClient cluster, HttpContext context) =>
            (await cluster.GetGrain<IUsageGrain>(caller.Tenant.Value).GetAsync()).ToHttp(context))
            .WithTags("Usage").RequirePermission(Permissions.UsageRead).WithName("GetUsage")
            .Describe<TenantUsage>("This billing period: plan, credits included, used and remaining, overage, messages, and every day so far for a chart",
                StatusCodes.Status200OK, 401, 403, 404, 503);
}
