using Bob.Grains.Abstractions.Common;
using Bob.Hosting.Management;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Bob.Web.Http;

/// <summary>
/// Refuses requests addressed to a host Bob does not serve (<see cref="PublicUrl.AllowedHosts"/>) with a 400
/// <c>invalid_host</c> problem, like the in-box host filtering but answering in Bob's problem format. Health probes and
/// the management port are exempt: orchestrators and scrapers address them by pod IP, and they build no links.
/// </summary>
public sealed class HostFilterMiddleware(RequestDelegate next, IConfiguration configuration, IOptions<ManagementOptions> management)
{
    private readonly StringSegment[] _allowed = [.. PublicUrl.AllowedHosts(configuration).Select(h => new StringSegment(h))];

    public async Task InvokeAsync(HttpContext context)
    {
        var anyHost = _allowed.Length == 1 && _allowed[0] == "*";
        var exempt = context.Request.Path.StartsWithSegments("/health")
            || (management.Value.Port != 0 && context.Connection.LocalPort == management.Value.Port);
        if (!anyHost && !exempt && !HostString.MatchesAny(context.Request.Host.Host ?? "", _allowed))
        {
            await Problems.WriteAsync(context, FailureCodes.InvalidHost, "This server does not answer for that host name.");
            return;
        }
        await next(context);
    }
}
