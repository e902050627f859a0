using System.Net;
using System.Net.Sockets;

namespace Bob.Grains.Webhooks;

/// <summary>
/// Which addresses a webhook may reach: public unicast only. Refused: loopback, private (RFC 1918, unique local), shared
/// carrier NAT, link-local (cloud metadata lives there), unspecified, multicast, broadcast, reserved, documentation and
/// benchmarking ranges, and IPv6 forms that embed an IPv4 address (mapped, compatible, 6to4, NAT64) when the embedded one is refused;
/// Teredo and site-local IPv6 always. <see cref="WebhookOptions.AllowPrivateNetworks"/> lifts all of it (development, tests).
/// </summary>
public static class NetworkPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4());
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(b[0] == 0                                   // "this" network
            || b[0] == 10                                     // private
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)     // shared (carrier NAT)
            || b[0] == 127                                    // loopback
            || (b[0] == 169 && b[1] == 254)                   // link-local (cloud metadata)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)      // private
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)        // IETF protocol assignments
            || (b[0] == 192 && b[1] == 0 && b[2] == 2)        // documentation
            || (b[0] == 192 && b[1] == 88 && b[2] == 99)      // 6to4 relay anycast
            || (b[0] == 192 && b[1] == 168)                   // private
            || (b[0] == 198 && (b[1] == 18 || b[1] == 19))    // benchmarking
            || (b[0] == 198 && b[1] == 51 && b[2] == 100)     // documentation
            || (b[0] == 203 && b[1] == 0 && b[2] == 113)      // documentation
            || b[0] >= 224);                                  // multicast, reserved, broadcast
    }

    private static bool IsPublicV6(IPAddress address)
    {
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6Teredo)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        if ((b[0] & 0xfe) == 0xfc)
        {
            return false; // unique local fc00::/7
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return false; // documentation 2001:db8::/32
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(new IPAddress(b[2..6])); // 6to4 embeds an IPv4 address
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            return IsPublicV4(new IPAddress(b[12..16])); // NAT64 64:ff9b::/96
        }
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // ::/96 — unspecified, loopback and the deprecated IPv4-compatible form
        }
        return (b[0] & 0xe0) == 0x20; // global unicast is 2000::/3; everything else is reserved
    }
}
