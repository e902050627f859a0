using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Features.Pricebook;
using Carter;

namespace Bob.Web.Consoles.Admin;

/// <summary>The Admin Dashboard's pricebook: the live version, the open draft (create, edit, discard), its diff against
/// the live version, and publish. Same permission (<c>pricebook.publish</c>) and the same actions as the API's drafts.</summary>
public sealed class PricebookPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.AdminPricebook.Path;
        app.MapGet(path, (IClusterClient cluster, HttpContext context, string? done) =>
            RenderAsync(cluster, context, done switch
            {
                "created" => "Draft created from the live version.",
                "saved" => "Draft saved.",
                "published" => "Published: the new version is live.",
                "discarded" => "Draft discarded.",
                _ => null,
            })).MemberPage(ConsolePage.AdminPricebook);

        app.MapPost(path + "/drafts", async (IClusterClient cluster, HttpContext context) =>
        {
            var created = await PricebookActions.CreateDraftAsync(cluster, null);
            return created.IsSuccess ? PageResults.SeeOther(path + "?done=created") : await RenderAsync(cluster, context, failure: created.Failure);
        }).MemberPage(ConsolePage.AdminPricebook);

        app.MapPost(path + "/drafts/{version:int}", async (int version, IClusterClient cluster, HttpContext context) =>
        {
            var form = await PageForm.ReadAsync(context);
            var plans = PricebookForm.Read(form);
            var saved = plans.IsSuccess ? await PricebookActions.UpdateDraftAsync(cluster, version, plans.Value) : plans.Failure!;
            return saved.IsSuccess ? PageResults.SeeOther(path + "?done=saved") : await RenderAsync(cluster, context, failure: saved.Failure, form: form);
        }).MemberPage(ConsolePage.AdminPricebook);

        app.MapPost(path + "/drafts/{version:int}/publish", async (int version, IClusterClient cluster, HttpContext context) =>
        {
            var published = await PricebookActions.Pricebook(cluster).PublishAsync(version);
            return published.IsSuccess ? PageResults.SeeOther(path + "?done=published") : await RenderAsync(cluster, context, failure: published.Failure);
        }).MemberPage(ConsolePage.AdminPricebook);

        app.MapPost(path + "/drafts/{version:int}/delete", async (int version, IClusterClient cluster, HttpContext context) =>
        {
            var deleted = await PricebookActions.Pricebook(cluster).DeleteDraftAsync(version);
            return deleted.IsSuccess ? PageResults.SeeOther(path + "?done=discarded") : await RenderAsync(cluster, context, failure: deleted.Failure);
        }).MemberPage(ConsolePage.AdminPricebook);
    }

    private static async Task<IResult> RenderAsync(IClusterClient cluster, HttpContext context, string? notice = null, Failure? failure = null, PageForm? form = null)
    {
        var pricebook = PricebookActions.Pricebook(cluster);
        var live = await pricebook.GetLiveAsync();
        var drafts = await pricebook.ListDraftsAsync();
        var draft = drafts.Count == 0 ? null : drafts[0];
        var parameters = new
        {
            Viewer = PageViewer.Of(context),
            Live = live,
            Draft = draft,
            Changes = draft is null ? Array.Empty<PricebookChange>() : PricebookDiff.Between(live, draft),
            Notice = notice,
            Failure = failure,
            Form = form,
        };
        return failure is null ? PageResults.Render<PricebookPage>(parameters) : PageResults.RenderFailure<PricebookPage>(failure, parameters);
    }
}
