using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Conversations;
using Bob.Web.Http;
using Carter;
using Microsoft.Extensions.Options;

namespace Bob.Web.Features.Chat;

/// <summary>Mission Control: watch conversations, take one over, answer as a human, hand it back.</summary>
public sealed class MissionControlModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/chat").WithTags("Mission Control").RequirePermission(Permissions.ChatRead);
        var manage = endpoints.MapGroup("/api/chat/sessions").WithTags("Mission Control").RequirePermission(Permissions.ChatManage);

        read.MapGet("/sessions", ListAsync).WithName("ListSessions")
            .Describe<ConversationPage>("List conversations, newest first (status filter, q searches titles and messages, pages of 1..100)", StatusCodes.Status200OK, 400, 401, 403, 503);
        read.MapGet("/sessions/{id:bobid}", async (string id, Caller caller, IClusterClient cluster) =>
            await MissionControlActions.Conversation(cluster, caller, id).GetAsync() is { } view
                ? ChatJson.Ok(await ConversationFeedbackReads.WithFeedbackAsync(cluster, caller.Tenant, view))
                : Problems.From(Failure.NotFound("Conversation"))).WithName("GetSession")
            .Describe<ConversationView>("One conversation with its whole transcript, its signed-in visitor and the visitor's ratings", StatusCodes.Status200OK, 401, 403, 404, 503);
        read.MapGet("/events", FeedAsync).WithName("LiveFeed")
            .DescribeEventStream("Server-sent events: every new message of this tenant's conversations (resume with Last-Event-ID); ends with an error event when the sign-in ends", 401, 403, 429, 503);

        manage.MapPost("/{id:bobid}/takeover", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(context, () => MissionControlActions.Conversation(cluster, caller, id).TakeoverAsync(caller.UserId))).WithName("Takeover")
            .Describe<ConversationHeader>("Take the conversation over: the assistant goes silent", StatusCodes.Status200OK, 401, 403, 404, 503);
        manage.MapPost("/{id:bobid}/release", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(context, () => MissionControlActions.Conversation(cluster, caller, id).ReleaseAsync(caller.UserId))).WithName("Release")
            .Describe<ConversationHeader>("Hand the conversation back to the assistant", StatusCodes.Status200OK, 401, 403, 404, 409, 503);
        manage.MapPost("/{id:bobid}/reply", ReplyAsync).WithName("AgentReply")
            .Describe<TranscriptMessage>("Answer the visitor as a human agent (takes the conversation over if nobody has)", StatusCodes.Status201Created, 400, 401, 403, 404, 503);
    }

    private static async Task<IResult> ListAsync(Caller caller, IClusterClient cluster, string? status, string? q, string? page, string? page_size)
    {
        var listed = await MissionControlActions.ListConversationsAsync(cluster, caller, status, q, page, page_size);
        return listed.IsSuccess ? ChatJson.Ok(listed.Value!) : Problems.From(listed.Failure!);
    }

    private static async Task<IResult> ReplyAsync(string id, AgentReplyBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        (await MissionControlActions.AgentReplyAsync(cluster, caller, id, body.Message, body.ClientMessageId)).ToHttp(context, ChatJson.Created);

    private static async Task<IResult> FeedAsync(Caller caller, IClusterClient cluster, HttpContext context, OpenStreams streams, IOptions<StreamOptions> options)
    {
        var slot = streams.TryOpen(caller.TokenKey, LoginSources.Of(context.Connection.RemoteIpAddress));
        if (!slot.IsSuccess)
        {
            return Problems.From(slot.Failure!, context);
        }
        context.Response.RegisterForDispose(slot.Value!);
        var feed = cluster.GetGrain<ITenantFeedGrain>(caller.Tenant);
        var after = EventStreams.ResumeFrom(context, await feed.LatestSequenceAsync());
        return TypedResults.ServerSentEvents(EventStreams.RelayAsync(
            from => feed.WaitForEventsAsync(from, EventStreams.PollWait), after, e => e,
            StreamAccess.ForMember(cluster, caller, Permissions.ChatRead, options.Value.RecheckEvery), context.RequestAborted));
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, Func<Task<Result<ConversationView>>> change) =>
        (await change()).ToHttp(context, view => ChatJson.Ok(TranscriptViews.Summary(view)));
}
