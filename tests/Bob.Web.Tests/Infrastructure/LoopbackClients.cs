using System.Net;
using System.Net.Sockets;

namespace Bob.Web.Tests.Infrastructure;

/// <summary>Clients of a Kestrel-served node whose connections leave from a chosen loopback address (any 127/8 address is loopback on Linux).</summary>
public static class LoopbackClients
{
    /// <summary>A client connecting from <paramref name="sourceAddress"/>, optionally saying it forwards for <paramref name="forwardedFor"/>.</summary>
    public static HttpClient From(BobWebApp app, string sourceAddress, string? forwardedFor = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = app.ServerAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return client;
    }
}
