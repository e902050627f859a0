using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Features.Conversations;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bob.Web.Features.Widget;

/// <summary>Path 2: the cross-origin embed. The tenant is the widget key's; a business_id in the body is ignored.</summary>
public sealed class WidgetModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/widget").WithTags("Widget").RequireRateLimiting(RateLimits.AnonymousChat);

        app.MapMethods("/{**path}", [HttpMethods.Options], PreflightAsync).WithName("WidgetPreflight")
            .DescribeNoContent("CORS preflight: allowed when ?key= names a live key listing the Origin, or any live key lists it", 403);
        app.MapPost("/chat", ChatAsync).WithName("WidgetChat").WithMetadata(WidgetKeyRequired.Instance)
            .Describe<ChatReply>("The embedded widget's chat; the tenant is the widget key's (a business_id is ignored)", StatusCodes.Status200OK, 400, 401, 402, 403, 404, 409, 429, 503)
            .WithDescription(ChatTurns.StreamingNote + " " + VisitorTokenNote);
        app.MapGet("/config", ConfigAsync).WithName("WidgetConfig").WithMetadata(WidgetKeyRequired.Instance)
            .WithSummary("What the widget needs to draw itself: the key's appearance (name, greeting, colours, corner)").ProducesProblems(429, 503);
        app.MapGet("/sessions/{id:bobid}/messages", MessagesAsync).WithName("WidgetHistory").WithMetadata(WidgetKeyRequired.Instance)
            .WithSummary("The visitor's conversation so far, for a reloaded page (needs ?visitor_token=, or the signed-in visitor who opened it)").ProducesProblems(429, 503);
        app.MapGet("/sessions/{id:bobid}/events", EventsAsync).WithName("WidgetEvents").WithMetadata(WidgetKeyRequired.Instance)
            .DescribeEventStream("Server-sent events: human agent replies for this visitor's conversation (needs ?visitor_token=; resume with Last-Event-ID)", 401, 403, 404, 429, 503);
        app.MapPost("/handoff", HandoffAsync).WithName("WidgetHandoff").WithMetadata(WidgetKeyRequired.Instance)
            .Throttled(Throttles.Handoff, Throttles.ByClientAddress, "This address asked for a human too often; try again later.")
            .WithSummary("Talk to a human: the conversation (opened if session_id is omitted) waits for an agent, the assistant silent").ProducesProblems(429, 503);
    }

    private const string VisitorTokenNote =
        "The first turn of a conversation answers visitor_token, whoever chose the session_id; every later turn needs it in the body.";

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

    private static async Task<IResult> ChatAsync(ChatBody body, HttpContext context, IClusterClient cluster) =>
        await (await WidgetAccess.AuthorizeTurnAsync(context)).ToHttpAsync(context, access =>
            ChatTurns.HandleAsync(context, cluster, access.Tenant, ChatChannel.Widget, body with { BusinessId = null }, author: null, WidgetAccess.TurnConfigRead(context)));

    public static async Task<Results<ChatOk<WidgetConfig>, Problem<Status401, Status403>>> ConfigAsync(HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context);
        return access.IsSuccess
            ? ChatResults.Ok(WidgetConfigView.For(access.Value!, await cluster.GetGrain<IPersonaCatalogGrain>(access.Value!.Tenant).GetSpeakerAsync(null)))
            : Problem<Status401, Status403>.For(access.Failure!);
    }

    public static async Task<Results<ChatOk<VisitorHistory>, Problem<Status401, Status403, Status404>>> MessagesAsync(string id, string? visitor_token, HttpContext context, IClusterClient cluster)
    {
        var read = await ReadAsVisitorAsync(id, visitor_token, context, cluster);
        return read.IsSuccess ? ChatResults.Ok(VisitorViews.History(read.Value.View)) : Problem<Status401, Status403, Status404>.For(read.Failure!);
    }

    private static async Task<IResult> EventsAsync(string id, string? visitor_token, HttpContext context, IClusterClient cluster, OpenStreams streams, IOptions<StreamOptions> options)
    {
        var read = await ReadAsVisitorAsync(id, visitor_token, context, cluster);
        if (!read.IsSuccess)
        {
            return Problems.From(read.Failure!, context);
        }
        // One visitor's conversation is the credential: every tab of theirs follows the same one.
        var tenant = read.Value.Tenant;
        var slot = streams.TryOpen($"widget:{tenant.Value}/{id}", LoginSources.Of(context.Connection.RemoteIpAddress));
        if (!slot.IsSuccess)
        {
            return Problems.From(slot.Failure!, context);
        }
        context.Response.RegisterForDispose(slot.Value!);
        return TypedResults.ServerSentEvents(EventStreams.RelayAsync(
            from => read.Value.Conversation.WaitForEventsAsync(from, EventStreams.PollWait),
            EventStreams.ResumeFrom(context, read.Value.View.Messages.Count == 0 ? 0 : read.Value.View.Messages[^1].Seq),
            VisitorViews.Event,
            WidgetAccess.StreamAccess(context, cluster, tenant, options.Value.RecheckEvery),
            context.RequestAborted));
    }

    public static async Task<Results<ChatOk<HumanRequested>, Problem<Status400, Status401, Status403, Status404, Status409>>> HandoffAsync(
        HumanRequestBody body, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeTurnAsync(context);
        if (!access.IsSuccess)
        {
            return Problem<Status400, Status401, Status403, Status404, Status409>.For(access.Failure!);
        }
        var invalid = new Fields()
            .OptionalId(ConversationId.ApiName, body.ConversationId)
            .Check(body.VisitorToken is null || VisitorTokenFormat.IsValid(body.VisitorToken), "visitor_token", VisitorTokenFormat.Problem)
            .Check(body.Message is null || ChatMessageRule.IsValid(body.Message), ChatMessageRule.Field, ChatMessageRule.Requirement)
            .OptionalId("client_message_id", body.ClientMessageId)
            .Failure;
        if (invalid is not null)
        {
            return Problem<Status400, Status401, Status403, Status404, Status409>.For(invalid);
        }
        var conversation = cluster.GetConversation(access.Value!.Tenant, body.ConversationId is null ? ConversationId.New() : new ConversationId(body.ConversationId));
        var request = new HumanRequest(new VisitorAccess(body.VisitorToken, ServerMinted: body.ConversationId is null, VisitorIdentity.Of(context)), body.Message, body.ClientMessageId);
        return (await conversation.RequestHumanAsync(request)).ChatOkOr(Problem<Status400, Status401, Status403, Status404, Status409>.For);
    }

    /// <summary>Key and origin first, then the visitor token: the session id and the public key are never enough.</summary>
    private static async Task<Result<(IConversationGrain Conversation, ConversationView View, TenantId Tenant)>> ReadAsVisitorAsync(
        string id, string? visitorToken, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context);
        if (!access.IsSuccess)
        {
            return access.Failure!;
        }
        if (visitorToken is not null && !VisitorTokenFormat.IsValid(visitorToken))
        {
            return new Failure(FailureCodes.InvalidVisitorToken, VisitorTokenFormat.Problem);
        }
        var conversation = cluster.GetConversation(access.Value!.Tenant, new ConversationId(id));
        var view = await conversation.VisitorViewAsync(string.IsNullOrEmpty(visitorToken) ? null : visitorToken, VisitorIdentity.Of(context)?.UserId);
        return view.IsSuccess ? (conversation, view.Value!, access.Value.Tenant) : view.Failure!;
    }
}
