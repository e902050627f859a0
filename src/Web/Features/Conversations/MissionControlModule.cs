using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bob.Web.Features.Conversations;

/// <summary>Mission Control: watch conversations, take one over, answer as a human, hand it back.</summary>
public sealed class MissionControlModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/chat").WithTags("Mission Control").RequirePermission(Permissions.ChatRead).ProducesProblems(401, 403, 503);
        var manage = endpoints.MapGroup("/api/chat/sessions").WithTags("Mission Control").RequirePermission(Permissions.ChatManage).ProducesProblems(401, 403, 503);

        read.MapGet("/sessions", ListSessionsAsync).WithName("ListSessions")
            .WithSummary("List conversations, newest first (status filter, q searches titles and messages, pages of 1..100)");
        read.MapGet("/sessions/{id:bobid}", GetSessionAsync).WithName("GetSession")
            .WithSummary("One conversation with its whole transcript, its signed-in visitor and the visitor's ratings");
        read.MapGet("/events", LiveFeedAsync).WithName("LiveFeed")
            .DescribeEventStream("Server-sent events: every new message of this tenant's conversations (resume with Last-Event-ID); ends with an error event when the sign-in ends", 429);

        manage.MapPost("/{id:bobid}/takeover", TakeoverAsync).WithName("Takeover")
            .WithSummary("Take the conversation over: the assistant goes silent");
        manage.MapPost("/{id:bobid}/release", ReleaseAsync).WithName("Release")
            .WithSummary("Hand the conversation back to the assistant");
        manage.MapPost("/{id:bobid}/reply", AgentReplyAsync).WithName("AgentReply")
            .WithSummary("Answer the visitor as a human agent (takes the conversation over if nobody has)");
    }

    public static async Task<Results<ChatOk<ConversationPage>, Problem<Status400>>> ListSessionsAsync(
        Caller caller, IClusterClient cluster, string? status, string? q, string? page, string? page_size) =>
        (await MissionControlActions.ListConversationsAsync(cluster, caller, status, q, page, page_size)).ChatOkOr(Problem<Status400>.For);

    public static async Task<Results<ChatOk<ConversationView>, Problem<Status404>>> GetSessionAsync(string id, Caller caller, IClusterClient cluster) =>
        await MissionControlActions.Conversation(cluster, caller, id).GetAsync() is { } view
            ? ChatResults.Ok(await ConversationFeedbackReads.WithFeedbackAsync(cluster, caller.Tenant, view))
            : Problem<Status404>.For(Failure.NotFound("Conversation"));

    public static async Task<IResult> LiveFeedAsync(Caller caller, IClusterClient cluster, HttpContext context, OpenStreams streams, IOptions<StreamOptions> options)
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

    public static async Task<Results<ChatOk<ConversationHeader>, Problem<Status404>>> TakeoverAsync(string id, Caller caller, IClusterClient cluster) =>
        Header(await MissionControlActions.Conversation(cluster, caller, id).TakeoverAsync(caller.UserId)).ChatOkOr(Problem<Status404>.For);

    public static async Task<Results<ChatOk<ConversationHeader>, Problem<Status404, Status409>>> ReleaseAsync(string id, Caller caller, IClusterClient cluster) =>
        Header(await MissionControlActions.Conversation(cluster, caller, id).ReleaseAsync(caller.UserId)).ChatOkOr(Problem<Status404, Status409>.For);

    public static async Task<Results<ChatCreated<TranscriptMessage>, Problem<Status400, Status404>>> AgentReplyAsync(string id, AgentReplyBody body, Caller caller, IClusterClient cluster) =>
        (await MissionControlActions.AgentReplyAsync(cluster, caller, id, body.Message, body.ClientMessageId)).ChatCreatedOr(Problem<Status400, Status404>.For);

    /// <summary>A takeover or release answers the conversation's header, not its transcript.</summary>
    private static Result<ConversationHeader> Header(Result<ConversationView> changed) =>
        changed.IsSuccess ? TranscriptViews.Summary(changed.Value!) : changed.Failure!;
}
