using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Knowledge;

public sealed record KnowledgeBody(string? Title, string? Content, IReadOnlyList<string>? Tags);

public sealed class KnowledgeModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/knowledge").WithTags("Knowledge").RequirePermission(Permissions.KnowledgeManage);

        app.MapGet("/", async (Caller caller, IClusterClient cluster) => TypedResults.Ok(await KnowledgeActions.Base(cluster, caller).ListAsync())).WithName("ListKnowledge")
            .Describe<IReadOnlyList<KnowledgeArticle>>("List the knowledge articles the assistant answers from", StatusCodes.Status200OK, 401, 403, 503);
        app.MapPost("/", async (KnowledgeBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await KnowledgeActions.Base(cluster, caller).CreateAsync(Input(body))).ToHttp(context, a => TypedResults.Created($"/api/knowledge/{a.Id}", a))).WithName("CreateArticle")
            .Describe<KnowledgeArticle>("Add a knowledge article", StatusCodes.Status201Created, 400, 401, 403, 409, 503);
        app.MapGet("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster) =>
            await KnowledgeActions.Base(cluster, caller).GetAsync(id) is { } article ? TypedResults.Ok(article) : NotFound()).WithName("GetArticle")
            .Describe<KnowledgeArticle>("One knowledge article", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapPut("/{id:bobid}", async (string id, KnowledgeBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await KnowledgeActions.Base(cluster, caller).UpdateAsync(id, Input(body))).ToHttp(context)).WithName("UpdateArticle")
            .Describe<KnowledgeArticle>("Replace a knowledge article; the next chat turn answers from it", StatusCodes.Status200OK, 400, 401, 403, 404, 503);
        app.MapDelete("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await KnowledgeActions.Base(cluster, caller).DeleteAsync(id)).ToHttp(context)).WithName("DeleteArticle")
            .DescribeNoContent("Delete a knowledge article", 401, 403, 404, 503);
    }

    private static KnowledgeInput Input(KnowledgeBody body) => KnowledgeActions.Input(body.Title, body.Content, body.Tags);

    private static IResult NotFound() => Problems.From(Failure.NotFound("Article"));
}
