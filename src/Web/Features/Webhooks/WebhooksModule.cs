using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Webhooks;

/// <summary>A registration or a PATCH; <c>enabled</c> only on PATCH (true re-enables a disabled endpoint).</summary>
public sealed record WebhookBody(string? Url, IReadOnlyList<string>? Events, string? Description, bool? Enabled)
{
    public WebhookEndpointInput ToInput() => new(Url, Events, Description, Enabled);
}

/// <summary>Webhook endpoints, their secrets, test pings and the delivery log (docs/WEBHOOKS.md).</summary>
public sealed class WebhooksModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/webhooks").WithTags("Webhooks").RequirePermission(Permissions.WebhooksManage);

        app.MapGet("/", async (Caller caller, IClusterClient cluster) => TypedResults.Ok(await Catalog(cluster, caller).ListAsync())).WithName("ListWebhooks")
            .Describe<IReadOnlyList<WebhookEndpointView>>("List webhook endpoints with their status (secrets are never shown again)", StatusCodes.Status200OK, 401, 403, 503);
        app.MapPost("/", async (WebhookBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await WebhookActions.CreateAsync(cluster, caller, body.ToInput()))
                .ToHttp(context, e => TypedResults.Created($"/api/webhooks/{e.Id}", e))).WithName("CreateWebhook")
            .Describe<WebhookEndpointView>("Register an https endpoint for events; the answer shows its signing secret, once", StatusCodes.Status201Created, 400, 401, 403, 409, 503);
        app.MapGet("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster) =>
            await Endpoint(cluster, caller, id).GetAsync() is { } endpoint ? TypedResults.Ok(endpoint) : NotFound()).WithName("GetWebhook")
            .Describe<WebhookEndpointView>("One webhook endpoint and its status", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapPatch("/{id:bobid}", async (string id, WebhookBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Endpoint(cluster, caller, id).UpdateAsync(body.ToInput())).ToHttp(context)).WithName("UpdateWebhook")
            .Describe<WebhookEndpointView>("Change an endpoint's URL, events or description, or disable and re-enable it", StatusCodes.Status200OK, 400, 401, 403, 404, 409, 503);
        app.MapDelete("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Endpoint(cluster, caller, id).DeleteAsync()).ToHttp(context)).WithName("DeleteWebhook")
            .DescribeNoContent("Delete an endpoint and its delivery log; its integration is freed", 401, 403, 404, 503);
        app.MapPost("/{id:bobid}/rotate-secret", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Endpoint(cluster, caller, id).RotateSecretAsync()).ToHttp(context)).WithName("RotateWebhookSecret")
            .Describe<WebhookEndpointView>("Issue a new signing secret; the old one keeps signing beside it for 24 hours", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapPost("/{id:bobid}/test", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Endpoint(cluster, caller, id).SendTestAsync()).ToHttp(context, queued => TypedResults.Accepted((string?)null, queued))).WithName("TestWebhook")
            .Throttled(Throttles.WebhookTest, Throttles.ByTenant, "Too many webhook test sends from this business; try again shortly.")
            .Describe<WebhookTestQueued>("Send a webhook.test event to this endpoint (429 rate_limited past the per-tenant cap)", StatusCodes.Status202Accepted, 401, 403, 404, 409, 429, 503);
        app.MapGet("/{id:bobid}/deliveries", async (string id, string? cursor, string? limit, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await WebhookActions.ListDeliveriesAsync(cluster, caller, id, cursor, limit)).ToHttp(context)).WithName("ListWebhookDeliveries")
            .Describe<WebhookDeliveryPage>("The delivery log, newest first: event, attempts, status codes, latency, next retry (cursor paging)", StatusCodes.Status200OK, 400, 401, 403, 404, 503);
        app.MapPost("/{id:bobid}/deliveries/{deliveryId:bobid}/redeliver", async (string id, string deliveryId, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Endpoint(cluster, caller, id).RedeliverAsync(deliveryId)).ToHttp(context, d => TypedResults.Accepted((string?)null, d))).WithName("RedeliverWebhook")
            .Describe<WebhookDeliveryView>("Send one delivery again, with the same webhook-id and a fresh retry schedule", StatusCodes.Status202Accepted, 401, 403, 404, 409, 503);
    }

    private static IResult NotFound() => Problems.From(WebhookActions.NotFound);

    private static IWebhookCatalogGrain Catalog(IClusterClient cluster, Caller caller) => WebhookActions.Catalog(cluster, caller);

    private static IWebhookEndpointGrain Endpoint(IClusterClient cluster, Caller caller, string id) => WebhookActions.Endpoint(cluster, caller, id);
}
