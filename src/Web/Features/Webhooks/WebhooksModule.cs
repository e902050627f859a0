using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

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
        var app = endpoints.MapGroup("/api/webhooks").WithTags("Webhooks").RequirePermission(Permissions.WebhooksManage)
            .ProducesProblems(401, 403, 503);

        app.MapGet("/", ListWebhooksAsync).WithName("ListWebhooks")
            .WithSummary("List webhook endpoints with their status (secrets are never shown again)");
        app.MapPost("/", CreateWebhookAsync).WithName("CreateWebhook")
            .WithSummary("Register an https endpoint for events; the answer shows its signing secret, once");
        app.MapGet("/{id:bobid}", GetWebhookAsync).WithName("GetWebhook")
            .WithSummary("One webhook endpoint and its status");
        app.MapPatch("/{id:bobid}", UpdateWebhookAsync).WithName("UpdateWebhook")
            .WithSummary("Change an endpoint's URL, events or description, or disable and re-enable it");
        app.MapDelete("/{id:bobid}", DeleteWebhookAsync).WithName("DeleteWebhook")
            .WithSummary("Delete an endpoint and its delivery log; its integration is freed");
        app.MapPost("/{id:bobid}/rotate-secret", RotateWebhookSecretAsync).WithName("RotateWebhookSecret")
            .WithSummary("Issue a new signing secret; the old one keeps signing beside it for 24 hours");
        app.MapPost("/{id:bobid}/test", TestWebhookAsync).WithName("TestWebhook")
            .Throttled(Throttles.WebhookTest, Throttles.ByTenant, "Too many webhook test sends from this business; try again shortly.")
            .WithSummary("Send a webhook.test event to this endpoint (429 rate_limited past the per-tenant cap)").ProducesProblems(429);
        app.MapGet("/{id:bobid}/deliveries", ListWebhookDeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, newest first: event, attempts, status codes, latency, next retry (cursor paging)");
        app.MapPost("/{id:bobid}/deliveries/{deliveryId:bobid}/redeliver", RedeliverWebhookAsync).WithName("RedeliverWebhook")
            .WithSummary("Send one delivery again, with the same webhook-id and a fresh retry schedule");
    }

    public static async Task<Ok<IReadOnlyList<WebhookEndpointView>>> ListWebhooksAsync(Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(await WebhookActions.Catalog(cluster, caller).ListAsync());

    public static async Task<Results<Created<WebhookEndpointView>, Problem<Status400, Status409>>> CreateWebhookAsync(WebhookBody body, Caller caller, IClusterClient cluster) =>
        (await WebhookActions.CreateAsync(cluster, caller, body.ToInput())).CreatedOr(e => $"/api/webhooks/{e.Id}", Problem<Status400, Status409>.For);

    public static async Task<Results<Ok<WebhookEndpointView>, Problem<Status404>>> GetWebhookAsync(string id, Caller caller, IClusterClient cluster) =>
        await Endpoint(cluster, caller, id).GetAsync() is { } endpoint ? TypedResults.Ok(endpoint) : Problem<Status404>.For(WebhookActions.NotFound);

    public static async Task<Results<Ok<WebhookEndpointView>, Problem<Status400, Status404, Status409>>> UpdateWebhookAsync(string id, WebhookBody body, Caller caller, IClusterClient cluster) =>
        (await Endpoint(cluster, caller, id).UpdateAsync(body.ToInput())).OkOr(Problem<Status400, Status404, Status409>.For);

    public static async Task<Results<NoContent, Problem<Status404>>> DeleteWebhookAsync(string id, Caller caller, IClusterClient cluster) =>
        (await Endpoint(cluster, caller, id).DeleteAsync()).NoContentOr(Problem<Status404>.For);

    public static async Task<Results<Ok<WebhookEndpointView>, Problem<Status404>>> RotateWebhookSecretAsync(string id, Caller caller, IClusterClient cluster) =>
        (await Endpoint(cluster, caller, id).RotateSecretAsync()).OkOr(Problem<Status404>.For);

    public static async Task<Results<Accepted<WebhookTestQueued>, Problem<Status404, Status409>>> TestWebhookAsync(string id, Caller caller, IClusterClient cluster) =>
        (await Endpoint(cluster, caller, id).SendTestAsync()).AcceptedOr(Problem<Status404, Status409>.For);

    public static async Task<Results<Ok<WebhookDeliveryPage>, Problem<Status400, Status404>>> ListWebhookDeliveriesAsync(
        string id, string? cursor, string? limit, Caller caller, IClusterClient cluster) =>
        (await WebhookActions.ListDeliveriesAsync(cluster, caller, id, cursor, limit)).OkOr(Problem<Status400, Status404>.For);

    public static async Task<Results<Accepted<WebhookDeliveryView>, Problem<Status404, Status409>>> RedeliverWebhookAsync(string id, string deliveryId, Caller caller, IClusterClient cluster) =>
        (await Endpoint(cluster, caller, id).RedeliverAsync(deliveryId)).AcceptedOr(Problem<Status404, Status409>.For);

    private static IWebhookEndpointGrain Endpoint(IClusterClient cluster, Caller caller, string id) => WebhookActions.Endpoint(cluster, caller, id);
}
