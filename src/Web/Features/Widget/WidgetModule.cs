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
        app.MapGet("/sessions/{id:bobid}/messages", MessagesAsync).WithName("WidgetHistory").WithSummary("The visitor's conversation so far (needs its visitor_token)");
        app.MapGet("/sessions/{id:bobid}/events", EventsAsync).WithName("WidgetEvents").WithSummary("Server-sent events: human agent replies for this visitor's conversation (needs its visitor_token)");
        app.MapPost("/handoff", HandoffAsync).WithName("WidgetHandoff").WithSummary("The visitor asks for a human: the conversation waits for an agent");
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
        var persona = await cluster.GetGrain<IPersonaCatalogGrain>(access.Value!.Tenant).GetSpeakerAsync(null);
        return ChatJson.Ok(WidgetConfigView.For(access.Value, persona));
    }

    private static async Task<IResult> MessagesAsync(string id, string? visitor_token, HttpContext context, IClusterClient cluster)
    {
        var read = await ReadAsVisitorAsync(id, visitor_token, context, cluster);
        return read.IsSuccess ? ChatJson.Ok(VisitorViews.History(read.Value!.View)) : Problems.From(read.Failure!, context);
    }

    private static async Task<IResult> EventsAsync(string id, string? visitor_token, HttpContext context, IClusterClient cluster)
    {
        var read = await ReadAsVisitorAsync(id, visitor_token, context, cluster);
        if (!read.IsSuccess)
        {
            return Problems.From(read.Failure!, context);
        }
        var (conversation, view) = read.Value!;
        var after = EventStreams.ResumeFrom(context, view.Messages.Count == 0 ? 0 : view.Messages[^1].Seq);
        return TypedResults.ServerSentEvents(EventStreams.RelayAsync(
            from => conversation.WaitForEventsAsync(from, EventStreams.PollWait),
            after,
            VisitorViews.Event,
            context.RequestAborted));
    }

    private static async Task<IResult> HandoffAsync(HumanRequestBody body, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context, cluster);
        if (!access.IsSuccess)
        {
            return Problems.From(access.Failure!, context);
        }
        var invalid = new Fields()
            .Check(body.ConversationId is null || Ids.IsValid(body.ConversationId), ConversationId.ApiName, "session_id must match [A-Za-z0-9_-]{1,128}.")
            .Check(body.VisitorToken is null || VisitorTokenFormat.IsValid(body.VisitorToken), "visitor_token", VisitorTokenFormat.Problem)
            .Check(body.Message is null || ChatMessageRule.IsValid(body.Message), ChatMessageRule.Field, ChatMessageRule.Requirement)
            .Check(body.ClientMessageId is null || Ids.IsValid(body.ClientMessageId), "client_message_id", "client_message_id must match [A-Za-z0-9_-]{1,128}.")
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        var conversation = cluster.GetConversation(access.Value!.Tenant, body.ConversationId is null ? ConversationId.New() : new ConversationId(body.ConversationId));
        var requested = await conversation.RequestHumanAsync(new HumanRequest(
            new VisitorAccess(body.VisitorToken, ServerMinted: body.ConversationId is null), body.Message, body.ClientMessageId));
        return requested.IsSuccess ? ChatJson.Ok(requested.Value!) : Problems.From(requested.Failure!, context);
    }

    /// <summary>Key and origin first, then the visitor token: the session id and the public key are never enough.</summary>
    private static async Task<Result<(IConversationGrain Conversation, ConversationView View)>> ReadAsVisitorAsync(
        string id, string? visitorToken, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context, cluster);
        if (!access.IsSuccess)
        {
            return access.Failure!;
        }
        if (visitorToken is not null && !VisitorTokenFormat.IsValid(visitorToken))
        {
            return new Failure(FailureCodes.InvalidVisitorToken, VisitorTokenFormat.Problem);
        }
        var conversation = cluster.GetConversation(access.Value!.Tenant, new ConversationId(id));
        var view = await conversation.VisitorViewAsync(string.IsNullOrEmpty(visitorToken) ? null : visitorToken);
        return view.IsSuccess ? (conversation, view.Value!) : view.Failure!;
    }
}
