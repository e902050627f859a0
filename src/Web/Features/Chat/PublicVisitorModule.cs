using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Conversations;
using Bob.Web.Features.Widget;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Chat;

/// <summary>
/// What Bob's own widget needs on Bob's own pages (path 1, the public chat): how to draw itself, and the visitor's
/// conversation after a reload, guarded by its visitor token. Same-origin only, like <c>POST /api/chat</c>, and never any CORS header.
/// </summary>
public sealed class PublicVisitorModule : ICarterModule
{
    /// <summary>The public chat's widget stores its session under this name (a widget key's id elsewhere).</summary>
    public const string PublicKeyId = "public";

    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/chat").WithTags("Chat").RequireRateLimiting(RateLimits.AnonymousChat);
        app.MapGet("/config", ConfigAsync).WithName("PublicChatConfig")
            .Describe<WidgetConfig>("What the widget on this site's own pages needs to draw itself (the platform's assistant); same-origin only", StatusCodes.Status200OK, 403, 429, 503);
        app.MapGet("/sessions/{id:bobid}/messages", MessagesAsync).WithName("PublicChatHistory")
            .Describe<VisitorHistory>("A public chat visitor's conversation so far, for a reloaded page (needs ?visitor_token=; business_id as the turns sent it); same-origin only",
                StatusCodes.Status200OK, 400, 401, 403, 404, 429, 503);
    }

    private static async Task<IResult> ConfigAsync(HttpContext context, IClusterClient cluster, IConfiguration configuration)
    {
        if (!SameOrigin.IsSameOrigin(context, configuration))
        {
            return CrossOrigin();
        }
        var persona = await cluster.GetGrain<IPersonaCatalogGrain>(TenantId.Platform).GetSpeakerAsync(null);
        return ChatJson.Ok(WidgetConfigView.For(PublicKeyId, null, persona));
    }

    private static async Task<IResult> MessagesAsync(string id, string? visitor_token, string? business_id, HttpContext context, IClusterClient cluster, IConfiguration configuration)
    {
        if (!SameOrigin.IsSameOrigin(context, configuration))
        {
            return CrossOrigin();
        }
        var invalid = new Fields()
            .Check(business_id is null || Ids.IsValid(business_id), "business_id", "business_id must match [A-Za-z0-9_-]{1,128}.")
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        if (visitor_token is not null && !VisitorTokenFormat.IsValid(visitor_token))
        {
            return Problems.From(new Failure(FailureCodes.InvalidVisitorToken, VisitorTokenFormat.Problem), context);
        }
        var conversation = cluster.GetConversation(PublicBusiness.Resolve(business_id, configuration), new ConversationId(id));
        var view = await conversation.VisitorViewAsync(string.IsNullOrEmpty(visitor_token) ? null : visitor_token);
        // A widget conversation of the same tenant is not the public chat's: another path sees no such conversation.
        return view.IsSuccess && view.Value!.Channel != ChatChannel.Public
            ? Problems.From(Failure.NotFound("Conversation"), context)
            : view.ToHttp(context, read => ChatJson.Ok(VisitorViews.History(read)));
    }

    private static IResult CrossOrigin() =>
        Problems.Of(FailureCodes.OriginNotAllowed, "This route only answers this site's own pages; embeds use /api/widget/* with a widget key.");
}
