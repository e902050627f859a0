using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Features.Widget;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Conversations;

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
        var app = endpoints.MapGroup("/api/chat").WithTags("Chat").RequireRateLimiting(RateLimits.AnonymousChat).ProducesProblems(429, 503);
        app.MapGet("/config", PublicChatConfigAsync).WithName("PublicChatConfig")
            .WithSummary("What the widget on this site's own pages needs to draw itself (the platform's assistant); same-origin only");
        app.MapGet("/sessions/{id:bobid}/messages", PublicChatHistoryAsync).WithName("PublicChatHistory")
            .WithSummary("A public chat visitor's conversation so far, for a reloaded page (needs ?visitor_token=; business_id as the turns sent it); same-origin only");
    }

    public static async Task<Results<ChatOk<WidgetConfig>, Problem<Status403>>> PublicChatConfigAsync(HttpContext context, IClusterClient cluster, IConfiguration configuration)
    {
        if (!SameOrigin.IsSameOrigin(context, configuration))
        {
            return Problem<Status403>.For(CrossOrigin);
        }
        var persona = await cluster.GetGrain<IPersonaCatalogGrain>(TenantId.Platform).GetSpeakerAsync(null);
        return ChatResults.Ok(WidgetConfigView.For(PublicKeyId, null, persona));
    }

    public static async Task<Results<ChatOk<VisitorHistory>, Problem<Status400, Status401, Status403, Status404>>> PublicChatHistoryAsync(
        string id, string? visitor_token, string? business_id, HttpContext context, IClusterClient cluster, IConfiguration configuration)
    {
        if (!SameOrigin.IsSameOrigin(context, configuration))
        {
            return Problem<Status400, Status401, Status403, Status404>.For(CrossOrigin);
        }
        var invalid = new Fields()
            .OptionalId("business_id", business_id)
            .Failure;
        if (invalid is not null)
        {
            return Problem<Status400, Status401, Status403, Status404>.For(invalid);
        }
        if (visitor_token is not null && !VisitorTokenFormat.IsValid(visitor_token))
        {
            return Problem<Status400, Status401, Status403, Status404>.For(new Failure(FailureCodes.InvalidVisitorToken, VisitorTokenFormat.Problem));
        }
        var conversation = cluster.GetConversation(PublicBusiness.Resolve(business_id, configuration), new ConversationId(id));
        var view = await conversation.VisitorViewAsync(string.IsNullOrEmpty(visitor_token) ? null : visitor_token);
        // A widget conversation of the same tenant is not the public chat's: another path sees no such conversation.
        if (view.IsSuccess && view.Value!.Channel != ChatChannel.Public)
        {
            return Problem<Status400, Status401, Status403, Status404>.For(Failure.NotFound("Conversation"));
        }
        return view.IsSuccess ? ChatResults.Ok(VisitorViews.History(view.Value!)) : Problem<Status400, Status401, Status403, Status404>.For(view.Failure!);
    }

    private static Failure CrossOrigin =>
        new(FailureCodes.OriginNotAllowed, "This route only answers this site's own pages; embeds use /api/widget/* with a widget key.");
}
