using System.Threading.RateLimiting;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Microsoft.Extensions.Options;

namespace Bob.Web.Http;

/// <summary>Per-node caps on costly single actions (settings under <c>Bob:RateLimits</c>, documented in docs/operations.md).</summary>
public sealed class ThrottleOptions
{
    public const string Section = "Bob:RateLimits";

    /// <summary>"Talk to a human" requests one visitor address (IPv4, or IPv6 /64) may make per hour on one node.</summary>
    public int HandoffPerHourPerIp { get; set; } = 10;

    /// <summary>Webhook test sends one tenant may make per minute on one node (each is an outbound request to its URL).</summary>
    public int WebhookTestsPerMinutePerTenant { get; set; } = 10;
}

/// <summary>
/// The in-box partitioned limiter behind <see cref="Throttled{TBuilder}"/>: past the cap, 429 <c>rate_limited</c> with
/// Retry-After. Each cap is its own limiter, partitioned by what it counts (a visitor address, a tenant).
/// </summary>
public sealed class Throttles : IDisposable
{
    public const string Handoff = "handoff";
    public const string WebhookTest = "webhook-test";

    private readonly Dictionary<string, PartitionedRateLimiter<string>> _limiters;

    public Throttles(IOptions<ThrottleOptions> options)
    {
        var o = options.Value;
        _limiters = new(StringComparer.Ordinal)
        {
            [Handoff] = FixedWindow(o.HandoffPerHourPerIp, TimeSpan.FromHours(1)),
            [WebhookTest] = FixedWindow(o.WebhookTestsPerMinutePerTenant, TimeSpan.FromMinutes(1)),
        };
    }

    /// <summary>Takes one permit of <paramref name="name"/> for <paramref name="partition"/>; null when taken, else how long to wait.</summary>
    public TimeSpan? TryTake(string name, string partition)
    {
        using var lease = _limiters[name].AttemptAcquire(partition);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    /// <summary>The client's address as every per-IP limit counts it (after trusted proxies; IPv6 by /64).</summary>
    public static string ByClientAddress(HttpContext context) => LoginSources.Of(context.Connection.RemoteIpAddress);

    /// <summary>The signed-in caller's tenant (only on routes that require a login).</summary>
    public static string ByTenant(HttpContext context) => context.User.FindFirst(BobClaims.Tenant)?.Value ?? "";

    private static PartitionedRateLimiter<string> FixedWindow(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
            key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
}

public static class ThrottleEndpoints
{
    public static IServiceCollection AddBobThrottles(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ThrottleOptions>(configuration.GetSection(ThrottleOptions.Section));
        return services.AddSingleton<Throttles>();
    }

    /// <summary>Runs the handler only while <paramref name="partition"/> has permits left in the throttle <paramref name="name"/>.</summary>
    public static TBuilder Throttled<TBuilder>(this TBuilder builder, string name, Func<HttpContext, string> partition, string detail)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (context.RequestServices.GetRequiredService<Throttles>().TryTake(name, partition(context)) is { } wait)
            {
                RateLimits.AllowWidgetToReadRejection(context);
                return (object?)Problems.From(new Failure(FailureCodes.RateLimited, detail, RetryAfter: wait), context);
            }
            return await next(invocation);
        });
}
