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
            await Conversation(cluster, caller, id).GetAsync() is { } view
                ? ChatJson.Ok(await ConversationFeedbackReads.WithFeedbackAsync(cluster, caller.Tenant, view))
                : Problems.From(Failure.NotFound("Conversation"))).WithName("GetSession")
            .Describe<ConversationView>("One conversation with its whole transcript, its signed-in visitor and the visitor's ratings", StatusCodes.Status200OK, 401, 403, 404, 503);
        read.MapGet("/events", FeedAsync).WithName("LiveFeed")
            .DescribeEventStream("Server-sent events: every new message of this tenant's conversations (resume with Last-Event-ID); ends with an error event when the sign-in ends", 401, 403, 429, 503);

        manage.MapPost("/{id:bobid}/takeover", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(context, () => Conversation(cluster, caller, id).TakeoverAsync(caller.UserId))).WithName("Takeover")
            .Describe<ConversationHeader>("Take the conversation over: the assistant goes silent", StatusCodes.Status200OK, 401, 403, 404, 503);
        manage.MapPost("/{id:bobid}/release", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(context, () => Conversation(cluster, caller, id).ReleaseAsync(caller.UserId))).WithName("Release")
            .Describe<ConversationHeader>("Hand the conversation back to the assistant", StatusCodes.Status200OK, 401, 403, 404, 409, 503);
        manage.MapPost("/{id:bobid}/reply", ReplyAsync).WithName("AgentReply")
            .Describe<TranscriptMessage>("Answer the visitor as a human agent (takes the conversation over if nobody has)", StatusCodes.Status201Created, 400, 401, 403, 404, 503);
    }

    private static async Task<IResult> ListAsync(Caller caller, IClusterClient cluster, string? status, string? q, string? page, string? page_size)
    {
        var listed = await ListConversationsAsync(cluster, caller, status, q, page, page_size);
        return listed.IsSuccess ? ChatJson.Ok(listed.Value!) : Problems.From(listed.Failure!);
    }

    /// <summary>The tenant's conversations as the list route and Mission Control's page both query them.</summary>
    public static async Task<Result<ConversationPage>> ListConversationsAsync(IClusterClient cluster, Caller caller, string? status, string? q, string? page, string? page_size)
    {
        var pageNumber = 1;
        var pageSize = 20;
        var invalid = new Fields()
            .Check(status is null || ConversationStatus.All.Contains(status), "status", $"status must be one of {string.Join(", ", ConversationStatus.All)}.")
            .Check(page is null || QueryNumbers.TryParse(page, 1, int.MaxValue, out pageNumber), "page", $"page must be a whole number 1..{int.MaxValue}.")
            .Check(page_size is null || QueryNumbers.TryParse(page_size, 1, 100, out pageSize), "page_size", "page_size must be a whole number 1..100.")
            .Check(q is null || q.Length <= 200, "q", "q must be at most 200 characters.")
            .Failure;
        if (invalid is not null)
        {
            return invalid;
        }
        return await cluster.GetGrain<IConversationQueryGrain>(0).ListAsync(caller.Tenant, new ConversationQuery(status, q, pageNumber, pageSize));
    }

    /// <summary>An agent's reply, as the reply route and Mission Control's page both send it.</summary>
    public static async Task<Result<TranscriptMessage>> AgentReplyAsync(IClusterClient cluster, Caller caller, string id, string? message, string? clientMessageId)
    {
        var invalid = new Fields().Required(ChatMessageRule.Field, message)
            .Check(clientMessageId is null || Ids.IsValid(clientMessageId), "client_message_id", "client_message_id must match [A-Za-z0-9_-]{1,128}.")
            .Failure;
        if (invalid is not null)
        {
            return invalid;
        }
        return await Conversation(cluster, caller, id).AgentReplyAsync(caller.UserId, message!, clientMessageId);
    }

    private static async Task<IResult> ReplyAsync(string id, AgentReplyBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        (await AgentReplyAsync(cluster, caller, id, body.Message, body.ClientMessageId)).ToHttp(context, ChatJson.Created);

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

    public static IConversationGrain Conversation(IClusterClient cluster, Caller caller, string id) =>
        cluster.GetConversation(caller.Tenant, new ConversationId(id));
}
