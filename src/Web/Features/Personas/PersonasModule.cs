using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Personas;

public sealed record PersonaBody(string? Name, string? Description, string? Tone, string? SystemPrompt);

public sealed class PersonasModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/personas").WithTags("Personas").RequirePermission(Permissions.PersonasManage)
            .ProducesProblems(401, 403, 503);

        app.MapGet("/", ListPersonasAsync).WithName("ListPersonas").WithSummary("List personas; one is active");
        app.MapPost("/", CreatePersonaAsync).WithName("CreatePersona").WithSummary("Create a persona (name, tone, system prompt)");
        app.MapGet("/{id:bobid}", GetPersonaAsync).WithName("GetPersona").WithSummary("One persona");
        app.MapPut("/{id:bobid}", UpdatePersonaAsync).WithName("UpdatePersona").WithSummary("Change a persona; each change is a new version");
        app.MapDelete("/{id:bobid}", DeletePersonaAsync).WithName("DeletePersona").WithSummary("Delete a persona (not the active one)");
        app.MapPost("/{id:bobid}/activate", ActivatePersonaAsync).WithName("ActivatePersona").WithSummary("Make this persona the one that answers new conversations");
        app.MapGet("/{id:bobid}/versions", PersonaVersionsAsync).WithName("PersonaVersions").WithSummary("A persona's version history");
    }

    public static async Task<Ok<IReadOnlyList<PersonaView>>> ListPersonasAsync(Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(await PersonasActions.Catalog(cluster, caller).ListAsync());

    public static async Task<Results<Created<PersonaView>, Problem<Status400>>> CreatePersonaAsync(PersonaBody body, Caller caller, IClusterClient cluster) =>
        (await PersonasActions.Catalog(cluster, caller).CreateAsync(Input(body))).CreatedOr(p => $"/api/personas/{p.Id}", Problem<Status400>.For);

    public static async Task<Results<Ok<PersonaView>, Problem<Status404>>> GetPersonaAsync(string id, Caller caller, IClusterClient cluster) =>
        await PersonasActions.Catalog(cluster, caller).GetAsync(id) is { } persona ? TypedResults.Ok(persona) : Problem<Status404>.For(Failure.NotFound("Persona"));

    public static async Task<Results<Ok<PersonaView>, Problem<Status400, Status404>>> UpdatePersonaAsync(string id, PersonaBody body, Caller caller, IClusterClient cluster) =>
        (await PersonasActions.Catalog(cluster, caller).UpdateAsync(id, Input(body))).OkOr(Problem<Status400, Status404>.For);

    public static async Task<Results<NoContent, Problem<Status404, Status409>>> DeletePersonaAsync(string id, Caller caller, IClusterClient cluster) =>
        (await PersonasActions.Catalog(cluster, caller).DeleteAsync(id)).NoContentOr(Problem<Status404, Status409>.For);

    public static async Task<Results<Ok<PersonaView>, Problem<Status404>>> ActivatePersonaAsync(string id, Caller caller, IClusterClient cluster) =>
        (await PersonasActions.Catalog(cluster, caller).ActivateAsync(id)).OkOr(Problem<Status404>.For);

    public static async Task<Results<Ok<IReadOnlyList<PersonaVersion>>, Problem<Status404>>> PersonaVersionsAsync(string id, Caller caller, IClusterClient cluster) =>
        (await PersonasActions.Catalog(cluster, caller).GetVersionsAsync(id)).OkOr(Problem<Status404>.For);

    private static PersonaInput Input(PersonaBody body) => PersonasActions.Input(body.Name, body.Description, body.Tone, body.SystemPrompt);
}
