using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Personas;

public sealed record PersonaBody(string? Name, string? Description, string? Tone, string? SystemPrompt);

public sealed class PersonasModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/personas").WithTags("Personas").RequirePermission(Permissions.PersonasManage);

        app.MapGet("/", async (Caller caller, IClusterClient cluster) => TypedResults.Ok(await PersonasActions.Catalog(cluster, caller).ListAsync())).WithName("ListPersonas")
            .Describe<IReadOnlyList<PersonaView>>("List personas; one is active", StatusCodes.Status200OK, 401, 403, 503);
        app.MapPost("/", async (PersonaBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await PersonasActions.Catalog(cluster, caller).CreateAsync(Input(body))).ToHttp(context, p => TypedResults.Created($"/api/personas/{p.Id}", p))).WithName("CreatePersona")
            .Describe<PersonaView>("Create a persona (name, tone, system prompt)", StatusCodes.Status201Created, 400, 401, 403, 503);
        app.MapGet("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster) =>
            await PersonasActions.Catalog(cluster, caller).GetAsync(id) is { } persona ? TypedResults.Ok(persona) : NotFound()).WithName("GetPersona")
            .Describe<PersonaView>("One persona", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapPut("/{id:bobid}", async (string id, PersonaBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await PersonasActions.Catalog(cluster, caller).UpdateAsync(id, Input(body))).ToHttp(context)).WithName("UpdatePersona")
            .Describe<PersonaView>("Change a persona; each change is a new version", StatusCodes.Status200OK, 400, 401, 403, 404, 503);
        app.MapDelete("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await PersonasActions.Catalog(cluster, caller).DeleteAsync(id)).ToHttp(context)).WithName("DeletePersona")
            .DescribeNoContent("Delete a persona (not the active one)", 401, 403, 404, 409, 503);
        app.MapPost("/{id:bobid}/activate", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await PersonasActions.Catalog(cluster, caller).ActivateAsync(id)).ToHttp(context)).WithName("ActivatePersona")
            .Describe<PersonaView>("Make this persona the one that answers new conversations", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapGet("/{id:bobid}/versions", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await PersonasActions.Catalog(cluster, caller).GetVersionsAsync(id)).ToHttp(context)).WithName("PersonaVersions")
            .Describe<IReadOnlyList<PersonaVersion>>("A persona's version history", StatusCodes.Status200OK, 401, 403, 404, 503);
    }

    private static PersonaInput Input(PersonaBody body) => PersonasActions.Input(body.Name, body.Description, body.Tone, body.SystemPrompt);

    private static IResult NotFound() => Problems.From(Failure.NotFound("Persona"));
}
