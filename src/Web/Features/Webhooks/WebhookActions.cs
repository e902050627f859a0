using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Web.Auth;

namespace Bob.Web.Features.Webhooks;

/// <summary>Webhook endpoints and their delivery log, as the API and the Webhooks page both reach them.</summary>
public static class WebhookActions
{
    public static IWebhookCatalogGrain Catalog(IClusterClient cluster, Caller caller) => cluster.GetGrain<IWebhookCatalogGrain>(caller.Tenant);

    public static IWebhookEndpointGrain Endpoint(IClusterClient cluster, Caller caller, string id) =>
        cluster.GetGrain<IWebhookEndpointGrain>(WebhookEndpoints.Key(caller.Tenant, id));

    public static Failure NotFound { get; } = Failure.NotFound("Webhook endpoint");

    /// <summary>Registers an endpoint; <c>enabled</c> is not part of a registration (a new endpoint is active).</summary>
    public static Task<Result<WebhookEndpointView>> CreateAsync(IClusterClient cluster, Caller caller, WebhookEndpointInput input) =>
        Catalog(cluster, caller).CreateAsync(input with { Enabled = null });

    /// <summary>Turns an endpoint off (a member's choice) or on again.</summary>
    public static Task<Result<WebhookEndpointView>> SetEnabledAsync(IClusterClient cluster, Caller caller, string id, bool enabled) =>
        Endpoint(cluster, caller, id).UpdateAsync(new WebhookEndpointInput(null, null, null, enabled));

    /// <summary>A page of the delivery log, newest first; <paramref name="limit"/> as the query string gave it (null: the default).</summary>
    public static async Task<Result<WebhookDeliveryPage>> ListDeliveriesAsync(IClusterClient cluster, Caller caller, string id, string? cursor, string? limit) =>
        PageSize(limit) is { } size
            ? await Endpoint(cluster, caller, id).ListDeliveriesAsync(cursor, size)
            : Failure.Validation("limit", $"limit must be a whole number from 1 to {WebhookRules.PageSizeMax}.");

    private static int? PageSize(string? limit)
    {
        if (limit is null)
        {
            return WebhookRules.PageSizeDefault;
        }
        return limit.Length is > 0 and <= 3 && limit.All(char.IsAsciiDigit) && int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) is var size
            && size is >= 1 and <= WebhookRules.PageSizeMax ? size : null;
    }
}
