using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Features.Chat;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Widget;

/// <summary>Path 2: the cross-origin embed. The tenant is the widget key's; a business_id in the body is ignored.</summary>
public sealed class WidgetModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/widget").WithTags("Widget").RequireRateLimiting(RateLimits.AnonymousChat);

        app.MapMethods("/{**path}", [HttpMethods.Options], PreflightAsync).WithName("WidgetPreflight");
        app.MapPost("/chat", ChatAsync).WithName("WidgetChat");
        app.MapGet("/config", ConfigAsync).WithName("WidgetConfig");
        app.MapGet("/sessions/{id:bobid}/events", EventsAsync).WithName("WidgetEvents").WithSummary("Server-sent events: human agent replies for this visitor's conversation");
    }

    private static async Task<IResult> PreflightAsync(HttpContext context, IClusterClient cluster)
    {
        context.Response.Headers.Vary = "Origin";
        if (!await WidgetAccess.PreflightAllowedAsync(context, cluster))
        {
            return Problems.Of(FailureCodes.OriginNotAllowed, "This origin is not on any live widget key's allow-list.");
        }
        WidgetAccess.AllowOrigin(context, context.Request.Headers.Origin.ToString());
        context.Response.Headers.AccessControlAllowMethods = WidgetAccess.AllowMethods;
        context.Response.Headers.AccessControlAllowHeaders = WidgetAccess.AllowHeaders;
        context.Response.Headers.AccessControlMaxAge = "600";
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChatAsync(ChatBody body, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context, cluster);
        return access.IsSuccess
            ? await ChatTurns.HandleAsync(context, cluster, access.Value!.Tenant, ChatChannel.Widget, body with { BusinessId = null }, author: null)
            : Problems.From(access.Failure!, context);
    }

    private static async Task<IResult> ConfigAsync(HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context, cluster);
        if (!access.IsSuccess)
        {
            return Problems.From(access.Failure!, context);
        }
        var persona = await cluster.GetGrain<IPersonaCatalogGrain>(access.Value!.Tenant.Value).GetSpeakerAsync(null);
        return ChatJson.Ok(WidgetConfigView.For(access.Value, persona));
    }

    private static async Task<IResult> EventsAsync(string id, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context, cluster);
        if (!access.IsSuccess)
        {
            return Problems.From(access.Failure!, context);
        }
        var conversation = cluster.GetGrain<IConversationGrain>(GrainKeys.Scoped(access.Value!.Tenant, id));
        var view = await conversation.GetAsync();
        if (view is null || view.Channel != ChatChannel.Widget)
        {
            return Problems.From(Failure.NotFound("Conversation"));
        }
        var after = EventStreams.ResumeFrom(context, view.Messages.Count == 0 ? 0 : view.Messages[^1].Seq);
        return TypedResults.ServerSentEvents(EventStreams.RelayAsync(
            from => conversation.WaitForEventsAsync(from, EventStreams.PollWait),
            after,
            VisitorView,
            context.RequestAborted));
    }

    /// <summary>What a visitor may see of an event: the human agent's and system messages, without internal
    /// fields (agent user ids, client message ids, credits).</summary>
    private static object? VisitorView(ConversationEvent e) => e.Message is { Role: TranscriptRole.Agent or TranscriptRole.System } message
        ? new
        {
            e.Sequence,
            e.Type,
            session_id = e.SessionId,
            e.Status,
            e.At,
            message = new { message_id = message.MessageId, message.Role, message.Text, created_at = message.CreatedAt },
        }
        : null;
}
