using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Bob.Silo;

/// <summary>Settings under <c>Bob:Silo</c>; every one can be set by environment (<c>Bob__Silo__SiloPort</c>).</summary>
public sealed class BobSiloOptions
{
    public const string Section = "Bob:Silo";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (web-only nodes) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address this silo publishes in the membership table and binds: other silos and web nodes dial it, so on
    /// more than one host it must be this host's routable address (a pod IP, a LAN address), never loopback or a wildcard.
    /// </summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

}

public static class BobSiloOptionsRegistration
{
    /// <summary>
    /// Binds <c>Bob:Silo</c>, validates it when the host starts (a bad value stops the start with a message naming the
    /// setting), and derives Orleans' endpoints from it: listen on and advertise <see cref="BobSiloOptions.AdvertisedIp"/>.
    /// </summary>
    public static IServiceCollection AddBobSiloOptions(this IServiceCollection services)
    {
        services.AddOptions<BobSiloOptions>().BindConfiguration(BobSiloOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BobSiloOptions>, BobSiloOptionsValidator>());
        services.AddOptions<EndpointOptions>().Configure<IOptions<BobSiloOptions>>((endpoints, bob) =>
        {
            endpoints.AdvertisedIPAddress = IPAddress.Parse(bob.Value.AdvertisedIp);
            endpoints.SiloPort = bob.Value.SiloPort;
            endpoints.GatewayPort = bob.Value.GatewayPort;
        });
        return services;
    }
}

public sealed class BobSiloOptionsValidator : IValidateOptions<BobSiloOptions>
{
    public ValidateOptionsResult Validate(string? name, BobSiloOptions options)
    {
        var errors = new List<string>();
        if (options.SiloPort is < 1 or > 65535)
        {
            errors.Add($"Bob:Silo:SiloPort must be 1..65535 (got {options.SiloPort}).");
        }
        if (options.GatewayPort is < 1 or > 65535)
        {
            errors.Add($"Bob:Silo:GatewayPort must be 1..65535 (got {options.GatewayPort}).");
        }
        if (options.SiloPort == options.GatewayPort)
        {
            errors.Add($"Bob:Silo:SiloPort and Bob:Silo:GatewayPort must differ (both {options.SiloPort}).");
        }
        if (!IPAddress.TryParse(options.AdvertisedIp, out var address))
        {
            errors.Add($"Bob:Silo:AdvertisedIp must be an IP address other silos and web nodes can reach, e.g. the pod or host IP (got '{options.AdvertisedIp}').");
        }
        else if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None) || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            errors.Add($"Bob:Silo:AdvertisedIp must be a routable address, not a wildcard (got '{options.AdvertisedIp}'): other nodes dial it.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
