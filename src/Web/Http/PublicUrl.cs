namespace Bob.Web.Http;

/// <summary>
/// Bob's public base URL (<c>Bob:PublicUrl</c>): embed codes, invitation links and the same-origin check are built from
/// it, never from a request's Host header, which any client can forge. Production refuses to start without it
/// (<see cref="Validate"/>); elsewhere (development, tests) the request's own scheme and host stand in.
/// </summary>
public static class PublicUrl
{
    public const string Setting = "Bob:PublicUrl";

    public static string Of(HttpContext context, IConfiguration configuration) =>
        (Configured(configuration) ?? $"{context.Request.Scheme}://{context.Request.Host}").TrimEnd('/');

    public static string? Configured(IConfiguration configuration) => configuration[Setting] is { Length: > 0 } url ? url.Trim() : null;

    /// <summary>True when browsers reach Bob over https: cookies are then <c>Secure</c> and HSTS is sent, whatever the last
    /// hop to this node was (a TLS-terminating proxy forwards plain HTTP).</summary>
    public static bool IsHttps(IConfiguration configuration) =>
        Configured(configuration) is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws at start-up, with what to set, when the setting is missing in Production or is not an http(s) base URL.</summary>
    public static void Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = Configured(configuration);
        if (configured is null)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    $"{Setting} is not set. In Production Bob builds embed codes and invitation links from its public URL and never " +
                    "from a request's Host header: set Bob__PublicUrl to the address browsers use, e.g. Bob__PublicUrl=https://bob.example.com " +
                    "(deploy/run.sh and deploy/cluster.sh set it).");
            }
            return;
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"{Setting} must be an http(s) base URL such as https://bob.example.com, not '{configured}'.");
        }
    }

    /// <summary>The host names requests may address: <c>AllowedHosts</c> when set, else the public URL's host plus the
    /// loopback names (local probes and tools), else (no public URL outside Production) any host.</summary>
    public static IReadOnlyList<string> AllowedHosts(IConfiguration configuration)
    {
        if (configuration["AllowedHosts"] is { Length: > 0 } listed)
        {
            return listed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return Configured(configuration) is { } url ? [new Uri(url).Host, "localhost", "127.0.0.1", "[::1]"] : ["*"];
    }
}
