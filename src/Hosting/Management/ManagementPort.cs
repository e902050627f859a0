using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bob.Hosting.Management;

/// <summary>
/// A second listening port for operators: <c>/metrics</c> and <c>/dashboard</c> answer only there, and the public
/// API does not answer there (health probes answer on both). The check is on the port the connection arrived on,
/// not on the Host header, which any client can set.
/// </summary>
public static class ManagementPort
{
    /// <summary>Endpoint metadata: this endpoint answers only on the management port.</summary>
    public static readonly ManagementOnlyAttribute OnlyMarker = new();

    public static ManagementOptions Read(IConfiguration configuration, int defaultPort = 0)
    {
        var options = new ManagementOptions { Port = defaultPort };
        configuration.GetSection(ManagementOptions.Section).Bind(options);
        var errors = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"Bob:Management:Port must be 1..65535, or 0 for no management port (got {options.Port}).");
        }
        if (string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            errors.Add($"Bob:Management:Host must be an IP address or host name such as 127.0.0.1 or 0.0.0.0 (got '{options.Host}').");
        }
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(ManagementOptions.Section, typeof(ManagementOptions), errors);
        }
        return options;
    }

    /// <summary>
    /// Listens on the management port besides the node's public URLs (<c>ASPNETCORE_URLS</c>/<c>--urls</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c>, else Kestrel's default). A silo passes <paramref name="publicUrls"/> false: it has only this port.
    /// </summary>
    public static ManagementOptions AddBobManagementPort(this WebApplicationBuilder builder, bool publicUrls = true, int defaultPort = 0)
    {
        var options = Read(builder.Configuration, defaultPort);
        builder.Services.AddSingleton(Options.Create(options));
        if (options.Port == 0)
        {
            return options;
        }
        var urls = publicUrls ? PublicUrls(builder.Configuration) : [];
        builder.WebHost.UseUrls([.. urls, $"http://{options.Host}:{options.Port}"]);
        return options;
    }

    /// <summary>After routing: management endpoints answer only on the management port; elsewhere they do not exist.</summary>
    public static IApplicationBuilder UseBobManagementPort(this IApplicationBuilder app)
    {
        var port = app.ApplicationServices.GetService(typeof(IOptions<ManagementOptions>)) is IOptions<ManagementOptions> o ? o.Value.Port : 0;
        return app.Use(async (context, next) =>
        {
            var onManagementPort = port != 0 && context.Connection.LocalPort == port;
            var managementOnly = context.GetEndpoint()?.Metadata.GetMetadata<ManagementOnlyAttribute>() is not null;
            var allowed = onManagementPort
                ? managementOnly || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                : !managementOnly;
            if (!allowed)
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });
    }

    private static string[] PublicUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        var ports = (configuration["http_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"http://*:{p}")
            .Concat((configuration["https_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"https://*:{p}"))
            .ToArray();
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }
}

/// <summary>Marks an endpoint that answers only on the management port.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ManagementOnlyAttribute : Attribute;
