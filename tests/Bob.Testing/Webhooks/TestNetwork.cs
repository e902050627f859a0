using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bob.Grains.Webhooks;

namespace Bob.Testing.Webhooks;

/// <summary>
/// The network webhooks see in tests: names resolve only from <see cref="Names"/> (never real DNS), and every connection the
/// guard lets through is recorded in <see cref="Connections"/> and made only to loopback; anything else throws instead of
/// connecting. A guard that let a private or public address through therefore fails a test's assertions before a packet leaves.
/// </summary>
public sealed class TestNetwork : IWebhookDnsResolver, IWebhookSocketConnector
{
    private readonly TcpSocketConnector _loopback = new();

    public ConcurrentDictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["localhost"] = [IPAddress.Loopback],
    };

    /// <summary>Every address the guard passed to the connector, loopback or not.</summary>
    public ConcurrentQueue<IPEndPoint> Connections { get; } = new();

    public IEnumerable<IPEndPoint> NonLoopbackConnections => Connections.Where(c => !IPAddress.IsLoopback(c.Address));

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : throw new SocketException((int)SocketError.HostNotFound);

    public ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Connections.Enqueue(endpoint);
        return IPAddress.IsLoopback(endpoint.Address)
            ? _loopback.ConnectAsync(endpoint, cancellationToken)
            : throw new InvalidOperationException($"Test network: a connection to {endpoint} was attempted; tests never leave loopback.");
    }
}
