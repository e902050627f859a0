using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>A tenant's webhook endpoints (keyed by tenant id): registration, one at a time per tenant, and the list.</summary>
[Alias("bob.IWebhookCatalogGrain")]
public interface IWebhookCatalogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers an endpoint: the URL must be https and resolve to public addresses only (unless private networks are
    /// allowed), the events known, the URL new for this tenant (409 <c>duplicate_webhook</c>), and the plan must have an
    /// integration left (409 <c>integration_limit_reached</c>). The answer carries the signing secret, shown only here.
    /// </summary>
    [Alias("Create")]
    Task<Result<WebhookEndpointView>> CreateAsync(WebhookEndpointInput input);

    [Alias("List")]
    Task<IReadOnlyList<WebhookEndpointView>> ListAsync();
}
