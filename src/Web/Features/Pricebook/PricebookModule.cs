using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
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
        var app = endpoints.MapGroup("/api/pricebook").WithTags("Pricebook");

        app.MapGet("/", async (HttpContext context, IClusterClient cluster) =>
            Cached(context, await Pricebook(cluster).GetLiveAsync(), "public, no-cache")).AllowAnonymous().WithName("GetPricebook")
            .Describe<PricebookVersion>("The live pricebook: plans, prices, included credits, seats, integrations (ETag; revalidate with If-None-Match)", StatusCodes.Status200OK, 503)
            .Produces(StatusCodes.Status304NotModified);
        app.MapGet("/versions/{version:int}", async (int version, HttpContext context, IClusterClient cluster) =>
            await Pricebook(cluster).GetVersionAsync(version) is { } published
                ? Cached(context, published, "public, max-age=31536000, immutable")
                : Problems.From(Failure.NotFound("Pricebook version"))).AllowAnonymous().WithName("GetPricebookVersion")
            .Describe<PricebookVersion>("A published version; published versions never change", StatusCodes.Status200OK, 404, 503)
            .Produces(StatusCodes.Status304NotModified);

        var drafts = app.MapGroup("/drafts").RequirePermission(Permissions.PricebookPublish);
        drafts.MapGet("/", async (IClusterClient cluster) => TypedResults.Ok(await Pricebook(cluster).ListDraftsAsync())).WithName("ListPricebookDrafts")
            .Describe<IReadOnlyList<PricebookDraft>>("The open draft, if any (at most one at a time)", StatusCodes.Status200OK, 401, 403, 503);
        drafts.MapPost("/", async (PricebookDraftBody body, HttpContext context, IClusterClient cluster) =>
            (await PricebookActions.CreateDraftAsync(cluster, body.Plans)).ToHttp(context, d => TypedResults.Created($"/api/pricebook/drafts/{d.Version}", d))).WithName("CreatePricebookDraft")
            .Describe<PricebookDraft>("Open the next version's draft with the given plans, or a copy of the live ones when the body has no plans", StatusCodes.Status201Created, 400, 401, 403, 409, 503);
        drafts.MapGet("/{version:int}", async (int version, HttpContext context, IClusterClient cluster) =>
            (await Pricebook(cluster).GetDraftAsync(version)).ToHttp(context)).WithName("GetPricebookDraft")
            .Describe<PricebookDraft>("One draft", StatusCodes.Status200OK, 401, 403, 404, 409, 503);
        drafts.MapPut("/{version:int}", async (int version, PricebookDraftBody body, HttpContext context, IClusterClient cluster) =>
            (await PricebookActions.UpdateDraftAsync(cluster, version, body.Plans)).ToHttp(context)).WithName("UpdatePricebookDraft")
            .Describe<PricebookDraft>("Replace a draft's plans (every plan, each once); a published version is 409", StatusCodes.Status200OK, 400, 401, 403, 404, 409, 503);
        drafts.MapDelete("/{version:int}", async (int version, HttpContext context, IClusterClient cluster) =>
            (await Pricebook(cluster).DeleteDraftAsync(version)).ToHttp(context)).WithName("DeletePricebookDraft")
            .DescribeNoContent("Discard a draft", 401, 403, 404, 409, 503);
        drafts.MapPost("/{version:int}/publish", async (int version, HttpContext context, IClusterClient cluster) =>
            (await Pricebook(cluster).PublishAsync(version)).ToHttp(context)).WithName("PublishPricebookDraft")
            .Describe<PricebookVersion>("Publish a draft: it becomes the live version at once on every node, and never changes again", StatusCodes.Status200OK, 401, 403, 404, 409, 503);
    }

    /// <summary>The version with its ETag; 304 when the caller already holds it.</summary>
    private static IResult Cached(HttpContext context, PricebookVersion version, string cacheControl)
    {
        var etag = new EntityTagHeaderValue($"\"pricebook-v{version.Version}\"");
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = cacheControl;
        var held = context.Request.GetTypedHeaders().IfNoneMatch;
        return held.Any(h => h.Equals(EntityTagHeaderValue.Any) || h.Compare(etag, useStrongComparison: false))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(version);
    }

    private static IPricebookGrain Pricebook(IClusterClient cluster) => PricebookActions.Pricebook(cluster);
}
