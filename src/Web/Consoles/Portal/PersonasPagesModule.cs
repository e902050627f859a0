using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Auth;
using Bob.Web.Features.Personas;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Personas page: edit with a tone picker, versions, activate, create, delete.</summary>
public sealed class PersonasPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.Personas.Path;
        app.MapGet(path, (Caller caller, IClusterClient cluster, HttpContext context, string? done) =>
            RenderAsync(cluster, caller, context, done switch
            {
                "saved" => "Saved as a new version. New conversations use it at once.",
                "created" => "Persona created.",
                "activated" => "This persona now answers new conversations.",
                "deleted" => "Persona deleted.",
                _ => null,
            })).MemberPage(ConsolePage.Personas);

        app.MapPost(path, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var input = await InputAsync(context);
            var created = await PersonasActions.Catalog(cluster, caller).CreateAsync(input);
            return created.IsSuccess ? PageResults.SeeOther(path + "?done=created") : await RenderAsync(cluster, caller, context, null, "new", input, created.Failure);
        }).MemberPage(ConsolePage.Personas);

        app.MapPost(path + "/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var input = await InputAsync(context);
            var saved = await PersonasActions.Catalog(cluster, caller).UpdateAsync(id, input);
            return saved.IsSuccess ? PageResults.SeeOther(path + "?done=saved") : await RenderAsync(cluster, caller, context, null, id, input, saved.Failure);
        }).MemberPage(ConsolePage.Personas);

        app.MapPost(path + "/{id:bobid}/activate", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var activated = await PersonasActions.Catalog(cluster, caller).ActivateAsync(id);
            return activated.IsSuccess ? PageResults.SeeOther(path + "?done=activated") : await RenderAsync(cluster, caller, context, null, id, null, activated.Failure);
        }).MemberPage(ConsolePage.Personas);

        app.MapPost(path + "/{id:bobid}/delete", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var deleted = await PersonasActions.Catalog(cluster, caller).DeleteAsync(id);
            return deleted.IsSuccess ? PageResults.SeeOther(path + "?done=deleted") : await RenderAsync(cluster, caller, context, null, id, null, deleted.Failure);
        }).MemberPage(ConsolePage.Personas);
    }

    private static async Task<PersonaInput> InputAsync(HttpContext context)
    {
        var form = await PageForm.ReadAsync(context);
        return PersonasActions.Input(form["name"], form["description"], form["tone"], form["systemPrompt"]);
    }

    private static async Task<IResult> RenderAsync(IClusterClient cluster, Caller caller, HttpContext context, string? notice,
        string? failedId = null, PersonaInput? submitted = null, Failure? failure = null)
    {
        var catalog = PersonasActions.Catalog(cluster, caller);
        var personas = await catalog.ListAsync();
        var versions = new Dictionary<string, IReadOnlyList<PersonaVersion>>();
        foreach (var (persona, history) in personas.Zip(await Task.WhenAll(personas.Select(p => catalog.GetVersionsAsync(p.Id)))))
        {
            versions[persona.Id] = history.Value ?? [];
        }
        var parameters = new
        {
            Viewer = PageViewer.Of(context), Personas = personas, Versions = (IReadOnlyDictionary<string, IReadOnlyList<PersonaVersion>>)versions,
            Notice = notice, FailedId = failedId, Submitted = submitted, Failure = failure,
        };
        return failure is null ? PageResults.Render<PersonasPage>(parameters) : PageResults.RenderFailure<PersonasPage>(failure, parameters);
    }
}
