using System.Net;
using System.Net.Sockets;

namespace Bob.Grains.Abstractions.Identity;

/// <summary>
/// What a login throttle counts as one source: an IPv4 address, or an IPv6 /64 (one customer line or host usually
/// holds a whole /64, so per-address counting would give an attacker 2^64 fresh sources).
/// </summary>
public static class LoginSources
{
    public const string Unknown = "unknown";

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
