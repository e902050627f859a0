using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Web.Auth;
using Bob.Web.Features.Webhooks;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Webhooks pages: endpoints (register, secret shown once), and per endpoint its delivery log with redeliver,
/// a test event, disable/enable and delete. Every call goes through <see cref="WebhookActions"/>, as the API's do.</summary>
public sealed class WebhooksPagesModule : ICarterModule
{
    private static readonly string ListPath = ConsolePage.Webhooks.Path;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet(ListPath, (Caller caller, IClusterClient cluster, HttpContext context, string? done) =>
            RenderListAsync(cluster, caller, context, new { Notice = done == "deleted" ? "Endpoint deleted, with its delivery log." : null }))
            .MemberPage(ConsolePage.Webhooks);

        app.MapPost(ListPath, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var form = await PageForm.ReadAsync(context);
            var created = await WebhookActions.CreateAsync(cluster, caller, new WebhookEndpointInput(form["url"], form.All("events"), form["description"]));
            // The signing secret is shown once, on this answer: never put into a redirect address, where it would linger in history.
            return created.IsSuccess
                ? await RenderListAsync(cluster, caller, context, new { Created = created.Value })
                : await RenderListAsync(cluster, caller, context, new { CreateForm = form, CreateFailure = created.Failure }, created.Failure);
        }).MemberPage(ConsolePage.Webhooks);

        app.MapGet(ListPath + "/{id:bobid}", (string id, string? cursor, string? done, Caller caller, IClusterClient cluster, HttpContext context) =>
            RenderEndpointAsync(cluster, caller, context, id, cursor, Notice(done)))
            .MemberPage(ConsolePage.Webhooks);

        MapAction(app, "/{id:bobid}/disable", "disabled", (cluster, caller, id) => Outcome(WebhookActions.SetEnabledAsync(cluster, caller, id, enabled: false)));
        MapAction(app, "/{id:bobid}/enable", "enabled", (cluster, caller, id) => Outcome(WebhookActions.SetEnabledAsync(cluster, caller, id, enabled: true)));
        MapAction(app, "/{id:bobid}/test", "test", (cluster, caller, id) => Outcome(WebhookActions.Endpoint(cluster, caller, id).SendTestAsync()));

        app.MapPost(ListPath + "/{id:bobid}/delete", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var deleted = await WebhookActions.Endpoint(cluster, caller, id).DeleteAsync();
            return deleted.IsSuccess
                ? PageResults.SeeOther(ListPath + "?done=deleted")
                : await RenderEndpointAsync(cluster, caller, context, id, null, null, deleted.Failure);
        }).MemberPage(ConsolePage.Webhooks);

        app.MapPost(ListPath + "/{id:bobid}/edit", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var form = await PageForm.ReadAsync(context);
            // A blank description clears it (null would leave it as it was); the events are exactly those ticked.
            var input = new WebhookEndpointInput(form["url"] ?? "", form.All("events"), form["description"] ?? "");
            var updated = await WebhookActions.Endpoint(cluster, caller, id).UpdateAsync(input);
            return updated.IsSuccess
                ? PageResults.SeeOther($"{ListPath}/{id}?done=edited")
                : await RenderEndpointAsync(cluster, caller, context, id, null, null, updated.Failure, new { EditForm = form, EditFailure = updated.Failure, ActionFailure = (Failure?)null });
        }).MemberPage(ConsolePage.Webhooks);

        // The new secret is shown once, on this answer (as at registration); the old one keeps signing until its end time.
        app.MapPost(ListPath + "/{id:bobid}/rotate-secret", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var rotated = await WebhookActions.Endpoint(cluster, caller, id).RotateSecretAsync();
            return await RenderEndpointAsync(cluster, caller, context, id, null, null, rotated.Failure, rotated.IsSuccess ? new { Rotated = rotated.Value } : null);
        }).MemberPage(ConsolePage.Webhooks);

        app.MapPost(ListPath + "/{id:bobid}/deliveries/{deliveryId:bobid}/redeliver", async (string id, string deliveryId, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var queued = await WebhookActions.Endpoint(cluster, caller, id).RedeliverAsync(deliveryId);
            return queued.IsSuccess
                ? PageResults.SeeOther($"{ListPath}/{id}?done=redelivered")
                : await RenderEndpointAsync(cluster, caller, context, id, null, null, queued.Failure);
        }).MemberPage(ConsolePage.Webhooks);
    }

    private static void MapAction(IEndpointRouteBuilder app, string route, string done, Func<IClusterClient, Caller, string, Task<Failure?>> act) =>
        app.MapPost(ListPath + route, async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            await act(cluster, caller, id) is { } failure
                ? await RenderEndpointAsync(cluster, caller, context, id, null, null, failure)
                : PageResults.SeeOther($"{ListPath}/{id}?done={done}"))
            .MemberPage(ConsolePage.Webhooks);

    private static async Task<Failure?> Outcome<T>(Task<Result<T>> call) => (await call).Failure;

    private static string? Notice(string? done) => done switch
    {
        "disabled" => "Endpoint disabled: it receives no events until you enable it.",
        "enabled" => "Endpoint enabled.",
        "test" => "Test event queued; it appears in the deliveries below.",
        "redelivered" => "Delivery queued again, with the same webhook-id.",
        "edited" => "Endpoint saved.",
        _ => null,
    };

    private static async Task<IResult> RenderListAsync(IClusterClient cluster, Caller caller, HttpContext context, object extra, Failure? failure = null)
    {
        var parameters = PageResults.Parameters(context, extra);
        parameters["Endpoints"] = await WebhookActions.Catalog(cluster, caller).ListAsync();
        return Render<WebhooksPage>(parameters, failure);
    }

    private static async Task<IResult> RenderEndpointAsync(IClusterClient cluster, Caller caller, HttpContext context, string id, string? cursor, string? notice,
        Failure? actionFailure = null, object? extra = null)
    {
        var parameters = PageResults.Parameters(context, new { Notice = notice, ActionFailure = actionFailure, Cursor = cursor });
        if (extra is not null)
        {
            foreach (var (name, value) in PageResults.Parameters(context, extra))
            {
                parameters[name] = value;
            }
        }
        if (await WebhookActions.Endpoint(cluster, caller, id).GetAsync() is not { } endpoint)
        {
            parameters["ActionFailure"] = WebhookActions.NotFound;
            return Render<WebhookEndpointPage>(parameters, WebhookActions.NotFound);
        }
        parameters["Endpoint"] = endpoint;
        var deliveries = await WebhookActions.ListDeliveriesAsync(cluster, caller, id, cursor, null);
        if (!deliveries.IsSuccess)
        {
            parameters["ActionFailure"] = deliveries.Failure;
            return Render<WebhookEndpointPage>(parameters, deliveries.Failure);
        }
        parameters["Deliveries"] = deliveries.Value;
        return Render<WebhookEndpointPage>(parameters, actionFailure);
    }

    private static IResult Render<TPage>(Dictionary<string, object?> parameters, Failure? failure) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        failure is null ? PageResults.Render<TPage>(parameters) : PageResults.RenderFailure<TPage>(failure, parameters);
}
