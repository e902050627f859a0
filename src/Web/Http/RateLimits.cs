using System.Threading.RateLimiting;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Bob.Web.Http;

/// <summary>Per-node limits with the in-box limiter (settings under <c>Bob:RateLimits</c>, documented in docs/operations.md).</summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string AnonymousChat = "anonymous-chat";

    public static IServiceCollection AddBobRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var authPerMinute = configuration.GetValue("Bob:RateLimits:AuthPerMinutePerIp", 30);
        var chatPerMinute = configuration.GetValue("Bob:RateLimits:ChatPerMinutePerIp", 120);
        services.AddBobThrottles(configuration);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Auth, context => PerIp(context, authPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(AnonymousChat, context => PerIp(context, chatPerMinute, TimeSpan.FromMinutes(1)));
            limiter.OnRejected = async (rejection, cancellationToken) =>
            {
                var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                Problems.SetRetryAfter(rejection.HttpContext, retryAfter);
                AllowWidgetToReadRejection(rejection.HttpContext);
                await Problems.WriteAsync(rejection.HttpContext, FailureCodes.TooManyRequests, "Slow down: this client sent too many requests.");
            };
        });
        return services;
    }

    /// <summary>
    /// A widget page must be able to read "slow down" (else it can only say "unreachable"), so a per-IP 429 on
    /// <c>/api/widget/*</c> echoes the browser's Origin. It reveals nothing: no key, tenant or data was looked at.
    /// </summary>
    public static void AllowWidgetToReadRejection(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (context.Request.Path.StartsWithSegments("/api/widget", StringComparison.OrdinalIgnoreCase) && origin.Length > 0)
        {
            context.Response.Headers.Vary = "Origin";
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.AccessControlExposeHeaders = "X-Request-Id, Retry-After";
        }
    }

    /// <summary>One bucket per client: an IPv4 address or an IPv6 /64 (<see cref="LoginSources"/>), after trusted proxies were unwrapped.</summary>
    public static RateLimitPartition<string> PerIp(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            LoginSources.Of(context.Connection.RemoteIpAddress),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
