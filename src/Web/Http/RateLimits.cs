using System.Threading.RateLimiting;
using Bob.Grains.Abstractions.Common;
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
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Auth, context => PerIp(context, authPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(AnonymousChat, context => PerIp(context, chatPerMinute, TimeSpan.FromMinutes(1)));
            limiter.OnRejected = async (rejection, cancellationToken) =>
            {
                var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                Problems.SetRetryAfter(rejection.HttpContext, retryAfter);
                await Problems.WriteAsync(rejection.HttpContext, FailureCodes.TooManyRequests, "Slow down: this client sent too many requests.");
            };
        });
        return services;
    }

    public static RateLimitPartition<string> PerIp(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
