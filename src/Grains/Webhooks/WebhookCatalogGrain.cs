using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Webhooks;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// A tenant's webhook endpoints. Registration runs here, one at a time per tenant: the rules, the duplicate check, the plan's
/// integration limit (<see cref="ITenantGrain.AdmitIntegrationAsync"/>, released again if storing fails), then the endpoint's
/// own grain stores it. The list is read from the endpoints table, which is the endpoints' state.
/// </summary>
public sealed class WebhookCatalogGrain(WebhookEndpointStore endpoints, WebhookEndpointRules rules, TimeProvider time) : Grain, IWebhookCatalogGrain
{
    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public async Task<Result<WebhookEndpointView>> CreateAsync(WebhookEndpointInput input)
    {
        var (invalid, url, events, description) = await rules.CheckAsync(input, creating: true);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await endpoints.UrlTakenAsync(Tenant, url!, null))
        {
            return Duplicate();
        }
        var id = Ids.New(IdPrefixes.WebhookEndpoint);
        var tenant = GrainFactory.GetGrain<ITenantGrain>(Tenant);
        if (await tenant.AdmitIntegrationAsync(id) is { IsSuccess: false } refused)
        {
            return refused.Failure!;
        }
        try
        {
            var created = await GrainFactory.GetGrain<IWebhookEndpointGrain>(WebhookEndpoints.Key(Tenant, id)).CreateAsync(url!, events!, description ?? "");
            if (!created.IsSuccess)
            {
                await tenant.ReleaseIntegrationAsync(id);
            }
            return created;
        }
        catch
        {
            await tenant.ReleaseIntegrationAsync(id);
            throw;
        }
    }

    public async Task<IReadOnlyList<WebhookEndpointView>> ListAsync()
    {
        var now = time.GetUtcNow();
        return [.. (await endpoints.ListEndpointsAsync(Tenant)).Select(e => e.View(now))];
    }

    internal static Failure Duplicate() => new(FailureCodes.DuplicateWebhook, "This tenant already has a webhook endpoint with this URL.");
}
