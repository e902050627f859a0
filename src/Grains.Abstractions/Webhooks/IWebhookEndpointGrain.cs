using Bob.Grains.Abstractions.Common;
using Orleans.Concurrency;

namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>
/// One webhook endpoint, keyed "tenantId/endpointId" (<see cref="WebhookEndpoints.Key"/>): its settings and secrets, and the
/// delivery of its events. It sends what is due off every request path, keeps a reminder while anything is pending (so a
/// retry survives a restart), and disables itself on 410 or after a day of failures.
/// </summary>
[Alias("bob.IWebhookEndpointGrain")]
public interface IWebhookEndpointGrain : IGrainWithStringKey
{
    /// <summary>Stores a new endpoint with a fresh secret (called by the catalog once the input passed its checks).</summary>
    [Alias("Create")]
    Task<Result<WebhookEndpointView>> CreateAsync(string url, IReadOnlyList<string> events, string description);

    [Alias("Get")]
    Task<WebhookEndpointView?> GetAsync();

    [Alias("Update")]
    Task<Result<WebhookEndpointView>> UpdateAsync(WebhookEndpointInput input);

    /// <summary>Deletes the endpoint, its delivery log, and frees its integration.</summary>
    [Alias("Delete")]
    Task<Outcome> DeleteAsync();

    /// <summary>Issues a new secret; the previous one keeps signing beside it for the overlap (24 h).</summary>
    [Alias("RotateSecret")]
    Task<Result<WebhookEndpointView>> RotateSecretAsync();

    /// <summary>Queues a <c>webhook.test</c> event for this endpoint alone.</summary>
    [Alias("SendTest")]
    Task<Result<WebhookTestQueued>> SendTestAsync();

    [Alias("ListDeliveries")]
    Task<Result<WebhookDeliveryPage>> ListDeliveriesAsync(string? cursor, int limit);

    /// <summary>Sends one delivery again (same <c>webhook-id</c>), with a fresh retry schedule.</summary>
    [Alias("Redeliver")]
    Task<Result<WebhookDeliveryView>> RedeliverAsync(string deliveryId);

    /// <summary>New or overdue deliveries are waiting: send what is due. Returns at once.</summary>
    [Alias("Wake"), OneWay]
    Task WakeAsync();
}
