using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Conversations;

/// <summary>Path 3: the signed-in app (Mission Control) talking to its own assistant. Needs chat.manage (+ CSRF with the cookie).</summary>
public sealed class ConsoleChatModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/chat").WithTags("Chat").RequirePermission(Permissions.ChatManage).ProducesProblems(401, 403, 503);

        app.MapPost("/session", StartSessionAsync).WithName("StartSession")
            .WithSummary("Open a console conversation (optionally with a persona and a title)");

        // A turn answers JSON or an event stream, as the request's Accept asks; no typed result says that, so its codes are listed.
        app.MapPost("/message", ConsoleMessageAsync)
            .WithName("ConsoleMessage")
            .Describe<ChatReply>("Talk to your own assistant as a signed-in user", StatusCodes.Status200OK, 400, 402, 404)
            .WithDescription(ChatTurns.StreamingNote);
    }

    public static Task<IResult> ConsoleMessageAsync(ChatBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        ChatTurns.HandleAsync(context, cluster, caller.Tenant, ChatChannel.Console, body with { BusinessId = null }, caller.UserId);

    public static async Task<Results<ChatCreated<ConversationHeader>, Problem<Status400, Status409>>> StartSessionAsync(StartConversationBody body, Caller caller, IClusterClient cluster)
    {
        var invalid = new Fields()
            .OptionalId("persona_id", body.PersonaId)
            .Check(body.Title is null || body.Title.Trim().Length <= 200, "title", "title must be at most 200 characters.")
            .Failure;
        if (invalid is not null)
        {
            return Problem<Status400, Status409>.For(invalid);
        }
        var started = await cluster.GetConversation(caller.Tenant, ConversationId.New())
            .StartAsync(ChatChannel.Console, body.PersonaId, body.Title, caller.UserId);
        return started.IsSuccess ? ChatResults.Created(TranscriptViews.Summary(started.Value!)) : Problem<Status400, Status409>.For(started.Failure!);
    }
}
