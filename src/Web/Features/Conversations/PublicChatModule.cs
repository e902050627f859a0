using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Conversations;

/// <summary>Path 1: anonymous chat from this server's own pages. Same-origin only, and never any CORS header.</summary>
public sealed class PublicChatModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat", ChatAsync)
            .RequireRateLimiting(RateLimits.AnonymousChat)
            .WithTags("Chat").WithName("PublicChat")
            .Describe<ChatReply>("Anonymous same-origin chat; business_id defaults to the platform tenant", StatusCodes.Status200OK, 400, 401, 402, 403, 404, 409, 429, 503)
            .WithDescription(ChatTurns.StreamingNote + " The first turn answers visitor_token, whoever chose the session_id; every later turn needs it in the body.");
    }

    private static async Task<IResult> ChatAsync(ChatBody body, HttpContext context, IClusterClient cluster, IConfiguration configuration)
    {
        if (!SameOrigin.IsSameOrigin(context, configuration))
        {
            return Problems.Of(FailureCodes.OriginNotAllowed, "POST /api/chat only answers this site's own pages; embeds use /api/widget/chat with a widget key.");
        }
        if (new Fields().OptionalId("business_id", body.BusinessId).Failure is { } invalid)
        {
            return Problems.From(invalid);
        }
        return await ChatTurns.HandleAsync(context, cluster, PublicBusiness.Resolve(body.BusinessId, configuration), ChatChannel.Public, body, author: null);
    }
}
