using System.Net;
using System.Net.Http;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// The SSRF guard, used at registration and where every delivery's connection is made (the handler's connect callback):
/// resolve the host, check every address against <see cref="NetworkPolicy"/>, and connect only to a checked one. Because
/// the check and the connection use the same answer, a name that re-binds to a private address after registration
/// (DNS rebinding) is refused at delivery, before a packet leaves.
/// </summary>
public sealed class WebhookAddressGuard(IWebhookDnsResolver resolver, IWebhookSocketConnector connector, IOptions<WebhookOptions> options)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The addresses <paramref name="host"/> may be reached at; refused when it has none or any of them is not public.</summary>
    public async Task<IPAddress[]> CheckAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.TrimStart('[').TrimEnd(']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            try
            {
                addresses = await resolver.ResolveAsync(bare, timeout.Token);
            }
            catch (Exception failure) when (failure is System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new WebhookAddressRefusedException($"'{bare}' could not be resolved.", failure);
            }
        }
        if (addresses.Length == 0)
        {
            throw new WebhookAddressRefusedException($"'{bare}' could not be resolved.");
        }
        if (!options.Value.AllowPrivateNetworks && addresses.FirstOrDefault(a => !NetworkPolicy.IsPublic(a)) is { } refused)
        {
            throw new WebhookAddressRefusedException($"'{bare}' resolves to {refused}, which is not a public address.");
        }
        return addresses;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: checks, then connects to a checked address only.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await CheckAsync(context.DnsEndPoint.Host, cancellationToken);
        Exception? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await connector.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
            }
            catch (Exception failure) when (failure is System.Net.Sockets.SocketException or IOException)
            {
                last = failure;
            }
        }
        throw new HttpRequestException($"Could not connect to {context.DnsEndPoint.Host}.", last);
    }
}
