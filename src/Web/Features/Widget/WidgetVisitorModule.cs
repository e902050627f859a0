using System.Text.Json.Serialization;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Features.Conversations;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Widget;

public sealed record FeedbackBody(
    [property: JsonPropertyName(ConversationId.ApiName)] string? ConversationId,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("visitor_token")] string? VisitorToken,
    [property: JsonPropertyName("rating")] string? Rating,
    [property: JsonPropertyName("comment")] string? Comment);

public sealed record ConversationRatingBody(
    [property: JsonPropertyName(ConversationId.ApiName)] string? ConversationId,
    [property: JsonPropertyName("visitor_token")] string? VisitorToken,
    [property: JsonPropertyName("score")] int? Score,
    [property: JsonPropertyName("comment")] string? Comment);

public sealed record VisitorSessions(IReadOnlyList<VisitorConversation> Sessions);

/// <summary>What a widget visitor does besides chatting: rate answers and the conversation, and (signed in) find their
/// conversations from any device. Same key, origin and visitor rules as the chat routes (<see cref="WidgetAccess"/>).</summary>
public sealed class WidgetVisitorModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/widget").WithTags("Widget").RequireRateLimiting(RateLimits.AnonymousChat);

        app.MapGet("/sessions", SessionsAsync).WithName("WidgetVisitorSessions").WithMetadata(WidgetKeyRequired.Instance)
            .WithSummary("The signed-in visitor's conversations, most recently active first (needs X-Bob-Identity)").ProducesProblems(429, 503);
        app.MapPost("/feedback", FeedbackAsync).WithName("WidgetFeedback").WithMetadata(WidgetKeyRequired.Instance)
            .WithSummary("Rate an assistant answer up or down (once per answer: a second rating replaces the first)").ProducesProblems(429, 503);
        app.MapPost("/rating", RatingAsync).WithName("WidgetConversationRating").WithMetadata(WidgetKeyRequired.Instance)
            .WithSummary("Rate the whole conversation 1..5 when it ends (a second rating replaces the first)").ProducesProblems(429, 503);
    }

    public static async Task<Results<ChatOk<VisitorSessions>, Problem<Status401, Status403>>> SessionsAsync(HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeAsync(context);
        if (!access.IsSuccess)
        {
            return Problem<Status401, Status403>.For(access.Failure!);
        }
        return VisitorIdentity.Of(context) is not { } visitor
            ? Problem<Status401, Status403>.For(new Failure(FailureCodes.IdentityRequired, $"Listing conversations needs the signed-in visitor's identity in {VisitorIdentity.Header}."))
            : ChatResults.Ok(new VisitorSessions(await cluster.GetGrain<IVisitorConversationsGrain>(0).ListAsync(access.Value!.Tenant, visitor.UserId, 50)));
    }

    public static async Task<Results<ChatOk<MessageFeedback>, Problem<Status400, Status401, Status403, Status404>>> FeedbackAsync(FeedbackBody body, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeTurnAsync(context);
        if (!access.IsSuccess)
        {
            return Problem<Status400, Status401, Status403, Status404>.For(access.Failure!);
        }
        var invalid = Owned(new Fields(), body.ConversationId, body.VisitorToken, body.Comment)
            .Required("message_id", body.MessageId)
            .OptionalId("message_id", body.MessageId)
            .Required("rating", body.Rating)
            .Check(body.Rating is null || FeedbackRatings.IsKnown(body.Rating), "rating", "rating must be up or down.")
            .Failure;
        if (invalid is not null)
        {
            return Problem<Status400, Status401, Status403, Status404>.For(invalid);
        }
        var input = new MessageFeedbackInput(new ConversationId(body.ConversationId!), body.MessageId!, Visitor(context, body.VisitorToken), body.Rating!, body.Comment);
        return (await cluster.GetGrain<IFeedbackGrain>(0).RateMessageAsync(access.Value!.Tenant, input)).ChatOkOr(Problem<Status400, Status401, Status403, Status404>.For);
    }

    public static async Task<Results<ChatOk<ConversationRating>, Problem<Status400, Status401, Status403, Status404>>> RatingAsync(ConversationRatingBody body, HttpContext context, IClusterClient cluster)
    {
        var access = await WidgetAccess.AuthorizeTurnAsync(context);
        if (!access.IsSuccess)
        {
            return Problem<Status400, Status401, Status403, Status404>.For(access.Failure!);
        }
        var invalid = Owned(new Fields(), body.ConversationId, body.VisitorToken, body.Comment)
            .Check(body.Score is >= ConversationRatingInput.ScoreMin and <= ConversationRatingInput.ScoreMax, "score",
                $"score must be a whole number {ConversationRatingInput.ScoreMin}..{ConversationRatingInput.ScoreMax}.")
            .Failure;
        if (invalid is not null)
        {
            return Problem<Status400, Status401, Status403, Status404>.For(invalid);
        }
        var input = new ConversationRatingInput(new ConversationId(body.ConversationId!), Visitor(context, body.VisitorToken), body.Score!.Value, body.Comment);
        return (await cluster.GetGrain<IFeedbackGrain>(0).RateConversationAsync(access.Value!.Tenant, input)).ChatOkOr(Problem<Status400, Status401, Status403, Status404>.For);
    }

    /// <summary>The checks both ratings share: whose conversation (its id, and the token unless the visitor is signed in) and the comment.</summary>
    private static Fields Owned(Fields fields, string? conversationId, string? visitorToken, string? comment) => fields
        .Required(ConversationId.ApiName, conversationId)
        .OptionalId(ConversationId.ApiName, conversationId)
        .Check(visitorToken is null || VisitorTokenFormat.IsValid(visitorToken), "visitor_token", VisitorTokenFormat.Problem)
        .Check(comment is null || comment.Length <= FeedbackRatings.CommentMax, "comment", $"comment must be at most {FeedbackRatings.CommentMax} characters.");

    private static VisitorAccess Visitor(HttpContext context, string? visitorToken) =>
        new(string.IsNullOrEmpty(visitorToken) ? null : visitorToken, ServerMinted: false, VisitorIdentity.Of(context));
}
