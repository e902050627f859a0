using Bob.Grains.Abstractions.Common;
using Bob.Hosting.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bob.Web.Features.Health;

public static class HealthChecks
{
    public static IServiceCollection AddBobHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.Ready])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [HealthEndpoints.Ready]);
        return services;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: PostgreSQL and the Orleans cluster answer too.</summary>
    public static void MapBobHealthChecks(this IEndpointRouteBuilder app) => app.MapBobHealthEndpoints();
}

public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await cluster.GetGrain<IPingGrain>(0).PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable");
        }
    }
}
