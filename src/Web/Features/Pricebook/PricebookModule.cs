using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Bob.Web.Features.Pricebook;

/// <summary>
/// The published pricebook (public) and its drafts (<c>pricebook.publish</c>). Every read asks the one pricebook grain, so
/// no node can serve a version older than the live one; clients may keep a copy but revalidate it (ETag, <c>no-cache</c>).
/// </summary>
public sealed class PricebookModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/pricebook").WithTags("Pricebook").ProducesProblems(503);

        // A 304 is a bare status code, which no typed result declares.
        app.MapGet("/", GetPricebookAsync).AllowAnonymous().WithName("GetPricebook")
            .WithSummary("The live pricebook: plans, prices, included credits, seats, integrations (ETag; revalidate with If-None-Match)")
            .Produces(StatusCodes.Status304NotModified);
        app.MapGet("/versions/{version:int}", GetPricebookVersionAsync).AllowAnonymous().WithName("GetPricebookVersion")
            .WithSummary("A published version; published versions never change")
            .Produces(StatusCodes.Status304NotModified);

        var drafts = app.MapGroup("/drafts").RequirePermission(Permissions.PricebookPublish).ProducesProblems(401, 403);
        drafts.MapGet("/", ListPricebookDraftsAsync).WithName("ListPricebookDrafts")
            .WithSummary("The open draft, if any (at most one at a time)");
        drafts.MapPost("/", CreatePricebookDraftAsync).WithName("CreatePricebookDraft")
            .WithSummary("Open the next version's draft with the given plans, or a copy of the live ones when the body has no plans");
        drafts.MapGet("/{version:int}", GetPricebookDraftAsync).WithName("GetPricebookDraft")
            .WithSummary("One draft");
        drafts.MapPut("/{version:int}", UpdatePricebookDraftAsync).WithName("UpdatePricebookDraft")
            .WithSummary("Replace a draft's plans (every plan, each once); a published version is 409");
        drafts.MapDelete("/{version:int}", DeletePricebookDraftAsync).WithName("DeletePricebookDraft")
            .WithSummary("Discard a draft");
        drafts.MapPost("/{version:int}/publish", PublishPricebookDraftAsync).WithName("PublishPricebookDraft")
            .WithSummary("Publish a draft: it becomes the live version at once on every node, and never changes again");
    }

    public static async Task<Results<Ok<PricebookVersion>, StatusCodeHttpResult>> GetPricebookAsync(HttpContext context, IClusterClient cluster)
    {
        var live = await Pricebook(cluster).GetLiveAsync();
        return AlreadyHeld(context, live, "public, no-cache") ? NotModified() : TypedResults.Ok(live);
    }

    public static async Task<Results<Ok<PricebookVersion>, StatusCodeHttpResult, Problem<Status404>>> GetPricebookVersionAsync(int version, HttpContext context, IClusterClient cluster)
    {
        if (await Pricebook(cluster).GetVersionAsync(version) is not { } published)
        {
            return Problem<Status404>.For(Failure.NotFound("Pricebook version"));
        }
        return AlreadyHeld(context, published, "public, max-age=31536000, immutable") ? NotModified() : TypedResults.Ok(published);
    }

    public static async Task<Ok<IReadOnlyList<PricebookDraft>>> ListPricebookDraftsAsync(IClusterClient cluster) =>
        TypedResults.Ok(await Pricebook(cluster).ListDraftsAsync());

    public static async Task<Results<Created<PricebookDraft>, Problem<Status400, Status409>>> CreatePricebookDraftAsync(PricebookDraftBody body, IClusterClient cluster) =>
        (await PricebookActions.CreateDraftAsync(cluster, body.Plans)).CreatedOr(d => $"/api/pricebook/drafts/{d.Version}", Problem<Status400, Status409>.For);

    public static async Task<Results<Ok<PricebookDraft>, Problem<Status404, Status409>>> GetPricebookDraftAsync(int version, IClusterClient cluster) =>
        (await Pricebook(cluster).GetDraftAsync(version)).OkOr(Problem<Status404, Status409>.For);

    public static async Task<Results<Ok<PricebookDraft>, Problem<Status400, Status404, Status409>>> UpdatePricebookDraftAsync(int version, PricebookDraftBody body, IClusterClient cluster) =>
        (await PricebookActions.UpdateDraftAsync(cluster, version, body.Plans)).OkOr(Problem<Status400, Status404, Status409>.For);

    public static async Task<Results<NoContent, Problem<Status404, Status409>>> DeletePricebookDraftAsync(int version, IClusterClient cluster) =>
        (await Pricebook(cluster).DeleteDraftAsync(version)).NoContentOr(Problem<Status404, Status409>.For);

    public static async Task<Results<Ok<PricebookVersion>, Problem<Status404, Status409>>> PublishPricebookDraftAsync(int version, IClusterClient cluster) =>
        (await Pricebook(cluster).PublishAsync(version)).OkOr(Problem<Status404, Status409>.For);

    /// <summary>Sets the version's ETag and caching; true when the caller already holds this version (a 304).</summary>
    private static bool AlreadyHeld(HttpContext context, PricebookVersion version, string cacheControl)
    {
        var etag = new EntityTagHeaderValue($"\"pricebook-v{version.Version}\"");
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = cacheControl;
        var held = context.Request.GetTypedHeaders().IfNoneMatch;
        return held.Any(h => h.Equals(EntityTagHeaderValue.Any) || h.Compare(etag, useStrongComparison: false));
    }

    private static StatusCodeHttpResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);

    private static IPricebookGrain Pricebook(IClusterClient cluster) => PricebookActions.Pricebook(cluster);
}
