using System.Net;
using System.Net.Sockets;

namespace Bob.Testing;

/// <summary>
/// Loopback ports that are free now and stay free until a test's server binds them. A port the kernel hands out for
/// port 0 comes from the ephemeral range, which every outgoing connection (database pools, HTTP clients of parallel test
/// runs) also draws from, so it can be taken between the check and a child process's bind. These come from below that
/// range, where nothing takes a port without asking for it, and never twice from one test process.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, EphemeralStart);
                if (HandedOut.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }
        throw new InvalidOperationException($"No free loopback port between {Lowest} and {EphemeralStart}.");
    }

    private static bool IsFree(int port) => CanBind(IPAddress.Loopback, port) && (!Socket.OSSupportsIPv6 || CanBind(IPAddress.IPv6Loopback, port));

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The start of the kernel's ephemeral port range (Linux), or the IANA one elsewhere.</summary>
    private static int ReadEphemeralStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range)
            && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            && start > Lowest + 1_000
                ? start
                : 49_152;
    }
}
