using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Auth;
using Bob.Web.Features.Conversations;
using Bob.Web.Runtime;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Playground: start a console conversation with a chosen persona, then talk to it turn by turn. Each turn
/// posts to the conversation's own address and its answer is that page (a reload sends the same client_message_id, which
/// the conversation answers by replaying, never by charging twice).</summary>
public sealed class PlaygroundPagesModule : ICarterModule
{
    private static readonly string Path = ConsolePage.Playground.Path;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (Caller caller, IClusterClient cluster, HttpContext context) => RenderStartAsync(cluster, caller, context, null, null))
            .MemberPage(ConsolePage.Playground);

        app.MapPost(Path, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var personaId = (await PageForm.ReadAsync(context))["persona_id"];
            var started = await PlaygroundActions.StartAsync(cluster, caller, personaId);
            return started.IsSuccess
                ? PageResults.SeeOther($"{Path}/{started.Value!.ConversationId.Value}")
                : await RenderStartAsync(cluster, caller, context, personaId, started.Failure);
        }).MemberPage(ConsolePage.Playground);

        app.MapGet(Path + "/{id:bobid}", (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            RenderConversationAsync(cluster, caller, context, id, null, null, null))
            .MemberPage(ConsolePage.Playground);

        app.MapPost(Path + "/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, SiloLossGuard guard, HttpContext context) =>
        {
            var form = await PageForm.ReadAsync(context);
            var sent = await PlaygroundActions.SendAsync(cluster, guard, caller, id, form["message"], form["client_message_id"]);
            return await RenderConversationAsync(cluster, caller, context, id, sent.Value, sent.IsSuccess ? null : form["message"], sent.Failure);
        }).MemberPage(ConsolePage.Playground);
    }

    private static async Task<IResult> RenderStartAsync(IClusterClient cluster, Caller caller, HttpContext context, string? personaId, Failure? failure)
    {
        var personas = await cluster.GetGrain<IPersonaCatalogGrain>(caller.Tenant).ListAsync();
        var parameters = new { Viewer = PageViewer.Of(context), Personas = personas, PersonaId = personaId, Failure = failure };
        return failure is null ? PageResults.Render<PlaygroundPage>(parameters) : PageResults.RenderFailure<PlaygroundPage>(failure, parameters);
    }

    private static async Task<IResult> RenderConversationAsync(IClusterClient cluster, Caller caller, HttpContext context, string id,
        PlaygroundTurn? turn, string? draft, Failure? failure)
    {
        if (await PlaygroundActions.GetAsync(cluster, caller, id) is not { } conversation)
        {
            return PageResults.Render<Shared.NotFoundPage>(new { Viewer = PageViewer.Of(context), What = "This conversation" }, StatusCodes.Status404NotFound);
        }
        var parameters = new
        {
            Viewer = PageViewer.Of(context),
            Conversation = conversation,
            LastTurn = turn,
            Draft = draft,
            Failure = failure,
            NextMessageId = Ids.New("pg_"),
        };
        return failure is null ? PageResults.Render<PlaygroundPage>(parameters) : PageResults.RenderFailure<PlaygroundPage>(failure, parameters);
    }
}
