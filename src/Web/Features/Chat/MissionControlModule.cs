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
            .Check(status is null || ConversationStatus.All.Contains(status), "status", $"status must be one of {string.Join(", ", ConversationStatus.All)}.")
            .Check(page is null || (int.TryParse(page, out pageNumber) && pageNumber >= 1), "page", "page must be a positive integer.")
            .Check(page_size is null || (int.TryParse(page_size, out pageSize) && pageSize is >= 1 and <= 100), "page_size", "page_size must be 1..100.")
            .Check(q is null || q.Length <= 200, "q", "q must be at most 200 characters.")
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        var conversations = await cluster.GetGrain<IConversationQueryGrain>(0).ListAsync(caller.Tenant, new ConversationQuery(status, q, pageNumber, pageSize));
        return ChatJson.Ok(conversations);
    }

    private static async Task<IResult> FeedAsync(Caller caller, IClusterClient cluster, HttpContext context)
    {
        var feed = cluster.GetGrain<ITenantFeedGrain>(caller.Tenant);
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
        cluster.GetConversation(caller.Tenant, new ConversationId(id));
}
