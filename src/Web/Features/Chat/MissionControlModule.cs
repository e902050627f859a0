using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Chat;

/// <summary>Mission Control: watch conversations, take one over, answer as a human, hand it back.</summary>
public sealed class MissionControlModule : ICarterModule
{
    private static readonly string[] Statuses = [ConversationStatus.Assistant, ConversationStatus.Human];

    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/chat").WithTags("Mission Control").RequirePermission(Permissions.ChatRead);
        var manage = endpoints.MapGroup("/api/chat/sessions").WithTags("Mission Control").RequirePermission(Permissions.ChatManage);

        read.MapGet("/sessions", ListAsync).WithName("ListSessions");
        read.MapGet("/sessions/{id:bobid}", async (string id, Caller caller, IClusterClient cluster) =>
            await Conversation(cluster, caller, id).GetAsync() is { } view
                ? ChatJson.Ok(view)
                : Problems.From(Failure.NotFound("Conversation"))).WithName("GetSession");
        read.MapGet("/events", FeedAsync).WithName("LiveFeed").WithSummary("Server-sent events: every new message of this tenant's conversations");

        manage.MapPost("/{id:bobid}/takeover", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(context, () => Conversation(cluster, caller, id).TakeoverAsync(caller.UserId))).WithName("Takeover");
        manage.MapPost("/{id:bobid}/release", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChangeAsync(context, () => Conversation(cluster, caller, id).ReleaseAsync(caller.UserId))).WithName("Release");
        manage.MapPost("/{id:bobid}/reply", async (string id, AgentReplyBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var invalid = new Fields().Required("message", body.Message)
                .Check(body.ClientMessageId is null || Ids.IsValid(body.ClientMessageId), "client_message_id", "client_message_id must match [A-Za-z0-9_-]{1,128}.")
                .Failure;
            if (invalid is not null)
            {
                return Problems.From(invalid);
            }
            var sent = await Conversation(cluster, caller, id).AgentReplyAsync(caller.UserId, body.Message!, body.ClientMessageId);
            return sent.IsSuccess ? ChatJson.Ok(sent.Value!, StatusCodes.Status201Created) : Problems.From(sent.Failure!, context);
        }).WithName("AgentReply");
    }

    private static async Task<IResult> ListAsync(Caller caller, IClusterClient cluster, string? status, string? q, string? page, string? page_size)
    {
        var pageNumber = 1;
        var pageSize = 20;
        var invalid = new Fields()
            .Check(status is null || Statuses.Contains(status), "status", $"status must be one of {string.Join(", ", Statuses)}.")
            .Check(page is null || QueryNumbers.TryParse(page, 1, int.MaxValue, out pageNumber), "page", $"page must be a whole number 1..{int.MaxValue}.")
            .Check(page_size is null || QueryNumbers.TryParse(page_size, 1, 100, out pageSize), "page_size", "page_size must be a whole number 1..100.")
            .Check(q is null || q.Length <= 200, "q", "q must be at most 200 characters.")
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        var sessions = await cluster.GetGrain<IConversationQueryGrain>(0).ListAsync(caller.Tenant, new SessionQuery(status, q, pageNumber, pageSize));
        return ChatJson.Ok(sessions);
    }

    private static async Task<IResult> FeedAsync(Caller caller, IClusterClient cluster, HttpContext context)
    {
        var feed = cluster.GetGrain<ITenantFeedGrain>(caller.Tenant.Value);
        var after = EventStreams.ResumeFrom(context, await feed.LatestSequenceAsync());
        return TypedResults.ServerSentEvents(EventStreams.RelayAsync(
            from => feed.WaitForEventsAsync(from, EventStreams.PollWait), after, e => e, context.RequestAborted));
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, Func<Task<Result<ConversationView>>> change)
    {
        var result = await change();
        return result.IsSuccess ? ChatJson.Ok(TranscriptViews.Summary(result.Value!)) : Problems.From(result.Failure!, context);
    }

    private static IConversationGrain Conversation(IClusterClient cluster, Caller caller, string id) =>
        cluster.GetGrain<IConversationGrain>(GrainKeys.Scoped(caller.Tenant, id));
}
