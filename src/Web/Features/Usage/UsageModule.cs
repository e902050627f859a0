using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Usage;

public sealed class UsageModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/usage", GetUsageAsync)
            .WithTags("Usage").RequirePermission(Permissions.UsageRead).WithName("GetUsage")
            .WithSummary("This billing period: plan, credits included, used and remaining, overage, messages, and every day so far for a chart")
            .ProducesProblems(401, 403, 503);

    public static async Task<Results<Ok<TenantUsage>, Problem<Status404>>> GetUsageAsync(Caller caller, IClusterClient cluster) =>
        (await cluster.GetGrain<IUsageGrain>(caller.Tenant.Value).GetAsync()).OkOr(Problem<Status404>.For);
}
