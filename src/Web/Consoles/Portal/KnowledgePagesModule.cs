using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Web.Auth;
using Bob.Web.Features.Knowledge;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Knowledge page: articles with tags (add, edit, delete) and a box to try a question against them.</summary>
public sealed class KnowledgePagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.Knowledge.Path;
        // ?title= prefills the new article's title (Insights' "Add an article" passes an unanswered question).
        app.MapGet(path, (Caller caller, IClusterClient cluster, HttpContext context, string? done, string? title) =>
            RenderAsync(cluster, caller, context, done switch
            {
                "added" => "Article added: the next answer can use it.",
                "saved" => "Article saved: the next answer uses the new text.",
                "deleted" => "Article deleted.",
                _ => null,
            }, Prefill(title) is null ? null : "new", Prefill(title))).MemberPage(ConsolePage.Knowledge);

        app.MapPost(path, async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var input = await InputAsync(context);
            var created = await KnowledgeActions.Base(cluster, caller).CreateAsync(input);
            return created.IsSuccess ? PageResults.SeeOther(path + "?done=added") : await RenderAsync(cluster, caller, context, null, "new", input, created.Failure);
        }).MemberPage(ConsolePage.Knowledge);

        app.MapPost(path + "/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var input = await InputAsync(context);
            var saved = await KnowledgeActions.Base(cluster, caller).UpdateAsync(id, input);
            return saved.IsSuccess ? PageResults.SeeOther(path + "?done=saved") : await RenderAsync(cluster, caller, context, null, id, input, saved.Failure);
        }).MemberPage(ConsolePage.Knowledge);

        app.MapPost(path + "/{id:bobid}/delete", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            var deleted = await KnowledgeActions.Base(cluster, caller).DeleteAsync(id);
            return deleted.IsSuccess ? PageResults.SeeOther(path + "?done=deleted") : await RenderAsync(cluster, caller, context, null, id, null, deleted.Failure);
        }).MemberPage(ConsolePage.Knowledge);
    }

    private static KnowledgeInput? Prefill(string? title) =>
        string.IsNullOrWhiteSpace(title) ? null : new KnowledgeInput(title.Trim()[..Math.Min(title.Trim().Length, KnowledgeRules.TitleMax)], "", []);

    /// <summary>Tags come as one comma-separated field.</summary>
    private static async Task<KnowledgeInput> InputAsync(HttpContext context)
    {
        var form = await PageForm.ReadAsync(context);
        var tags = (form["tags"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return KnowledgeActions.Input(form["title"], form["content"], tags);
    }

    private static async Task<IResult> RenderAsync(IClusterClient cluster, Caller caller, HttpContext context, string? notice,
        string? failedId = null, KnowledgeInput? submitted = null, Failure? failure = null)
    {
        var parameters = new
        {
            Viewer = PageViewer.Of(context), Articles = await KnowledgeActions.Base(cluster, caller).ListAsync(),
            Notice = notice, FailedId = failedId, Submitted = submitted, Failure = failure,
        };
        return failure is null ? PageResults.Render<KnowledgePage>(parameters) : PageResults.RenderFailure<KnowledgePage>(failure, parameters);
    }
}
