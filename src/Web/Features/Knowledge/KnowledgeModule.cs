using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Knowledge;

public sealed record KnowledgeBody(string? Title, string? Content, IReadOnlyList<string>? Tags);

public sealed class KnowledgeModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/knowledge").WithTags("Knowledge").RequirePermission(Permissions.KnowledgeManage)
            .ProducesProblems(401, 403, 503);

        app.MapGet("/", ListKnowledgeAsync).WithName("ListKnowledge").WithSummary("List the knowledge articles the assistant answers from");
        app.MapPost("/", CreateArticleAsync).WithName("CreateArticle").WithSummary("Add a knowledge article");
        app.MapGet("/{id:bobid}", GetArticleAsync).WithName("GetArticle").WithSummary("One knowledge article");
        app.MapPut("/{id:bobid}", UpdateArticleAsync).WithName("UpdateArticle").WithSummary("Replace a knowledge article; the next chat turn answers from it");
        app.MapDelete("/{id:bobid}", DeleteArticleAsync).WithName("DeleteArticle").WithSummary("Delete a knowledge article");
    }

    public static async Task<Ok<IReadOnlyList<KnowledgeArticle>>> ListKnowledgeAsync(Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(await KnowledgeActions.Base(cluster, caller).ListAsync());

    public static async Task<Results<Created<KnowledgeArticle>, Problem<Status400, Status409>>> CreateArticleAsync(KnowledgeBody body, Caller caller, IClusterClient cluster) =>
        (await KnowledgeActions.Base(cluster, caller).CreateAsync(Input(body))).CreatedOr(a => $"/api/knowledge/{a.Id}", Problem<Status400, Status409>.For);

    public static async Task<Results<Ok<KnowledgeArticle>, Problem<Status404>>> GetArticleAsync(string id, Caller caller, IClusterClient cluster) =>
        await KnowledgeActions.Base(cluster, caller).GetAsync(id) is { } article ? TypedResults.Ok(article) : Problem<Status404>.For(Failure.NotFound("Article"));

    public static async Task<Results<Ok<KnowledgeArticle>, Problem<Status400, Status404>>> UpdateArticleAsync(string id, KnowledgeBody body, Caller caller, IClusterClient cluster) =>
        (await KnowledgeActions.Base(cluster, caller).UpdateAsync(id, Input(body))).OkOr(Problem<Status400, Status404>.For);

    public static async Task<Results<NoContent, Problem<Status404>>> DeleteArticleAsync(string id, Caller caller, IClusterClient cluster) =>
        (await KnowledgeActions.Base(cluster, caller).DeleteAsync(id)).NoContentOr(Problem<Status404>.For);

    private static KnowledgeInput Input(KnowledgeBody body) => KnowledgeActions.Input(body.Title, body.Content, body.Tags);
}
