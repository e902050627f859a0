using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Bob.Web.Http;

/// <summary>The proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> Bob believes (<c>Bob:Network:TrustedProxies</c>).</summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "Bob:Network";
    public const string Setting = "Bob:Network:TrustedProxies";

    /// <summary>Addresses and CIDR networks, separated by commas or semicolons (e.g. <c>10.0.0.0/8, 127.0.0.1</c>); empty trusts none.</summary>
    public string TrustedProxies { get; set; } = "";

    public IEnumerable<string> Entries() =>
        TrustedProxies.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class TrustedProxyOptionsValidator : IValidateOptions<TrustedProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
    {
        var bad = options.Entries().Where(entry => !TrustedProxies.TryParse(entry, out _, out _)).ToList();
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(
            $"{TrustedProxyOptions.Setting} must list IP addresses or CIDR networks such as 10.0.0.0/8, 192.168.1.10 or fd00::/8 " +
            $"(got {string.Join(", ", bad.Select(b => $"'{b}'"))}).");
    }
}

/// <summary>
/// The in-box forwarded-headers middleware, told which proxies to trust. It walks <c>X-Forwarded-For</c> from the right
/// and stops at the first address that is not a trusted proxy: that is the client, whatever a client wrote further left.
/// With no trusted proxy it reads nothing, so a client cannot name its own address. The Host header is never taken from
/// <c>X-Forwarded-Host</c>: links are built from <c>Bob:PublicUrl</c> (see <see cref="PublicUrl"/>).
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddBobTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxyOptions>().Bind(configuration.GetSection(TrustedProxyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            forwarded.ForwardedHeaders = ForwardedHeaders.None;
            foreach (var entry in trusted.Value.Entries())
            {
                if (TryParse(entry, out var address, out var network))
                {
                    if (address is not null)
                    {
                        forwarded.KnownProxies.Add(address);
                    }
                    else
                    {
                        forwarded.KnownIPNetworks.Add(network!.Value);
                    }
                    forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                }
            }
        });
        return services;
    }

    public static bool TryParse(string entry, out IPAddress? address, out System.Net.IPNetwork? network)
    {
        address = null;
        network = null;
        if (!entry.Contains('/', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(entry, out address);
        }
        if (System.Net.IPNetwork.TryParse(entry, out var parsed))
        {
            network = parsed;
            return true;
        }
        return false;
    }
}
