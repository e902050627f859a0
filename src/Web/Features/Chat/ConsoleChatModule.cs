using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Conversations;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Chat;

/// <summary>Path 3: the signed-in app (Mission Control) talking to its own assistant. Needs chat.manage (+ CSRF with the cookie).</summary>
public sealed class ConsoleChatModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/chat").WithTags("Chat").RequirePermission(Permissions.ChatManage);

        app.MapPost("/session", StartAsync).WithName("StartSession")
            .Describe<ConversationHeader>("Open a console conversation (optionally with a persona and a title)", StatusCodes.Status201Created, 400, 401, 403, 409, 503);

        app.MapPost("/message", (ChatBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            ChatTurns.HandleAsync(context, cluster, caller.Tenant, ChatChannel.Console, body with { BusinessId = null }, caller.UserId))
            .WithName("ConsoleMessage")
            .Describe<ChatReply>("Talk to your own assistant as a signed-in user", StatusCodes.Status200OK, 400, 401, 402, 403, 404, 503)
            .WithDescription(ChatTurns.StreamingNote);
    }

    private static async Task<IResult> StartAsync(StartConversationBody body, Caller caller, IClusterClient cluster, HttpContext context)
    {
        var invalid = new Fields()
            .Check(body.PersonaId is null || Ids.IsValid(body.PersonaId), "persona_id", "persona_id must match [A-Za-z0-9_-]{1,128}.")
            .Check(body.Title is null || body.Title.Trim().Length <= 200, "title", "title must be at most 200 characters.")
            .Failure;
        if (invalid is not null)
        {
            return Problems.From(invalid);
        }
        var started = await cluster.GetConversation(caller.Tenant, ConversationId.New())
            .StartAsync(ChatChannel.Console, body.PersonaId, body.Title, caller.UserId);
        return started.ToHttp(context, view => ChatJson.Created(TranscriptViews.Summary(view)));
    }
}
