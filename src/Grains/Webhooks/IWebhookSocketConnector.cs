using System.Net;

namespace Bob.Grains.Webhooks;

/// <summary>Opens the TCP connection to an address the guard checked. A seam: tests record attempts and never leave loopback.</summary>
public interface IWebhookSocketConnector
{
    ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken);
}
