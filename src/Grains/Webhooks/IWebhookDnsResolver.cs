using System.Net;

namespace Bob.Grains.Webhooks;

/// <summary>Resolves a host name for a webhook. A seam: tests answer names themselves instead of asking real DNS.</summary>
public interface IWebhookDnsResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
