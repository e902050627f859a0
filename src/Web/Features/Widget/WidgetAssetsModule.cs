using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;
using Carter;
using Microsoft.Net.Http.Headers;

namespace Bob.Web.Features.Widget;

/// <summary>
/// Serves the widget's script files to any website: pre-compressed (brotli, gzip), with ETags, a short cache for
/// <c>loader.js</c> and a year for hashed files. They are embedded cross-origin by design, so they carry
/// <c>Cross-Origin-Resource-Policy: cross-origin</c> and <c>Access-Control-Allow-Origin: *</c> (the panel is an ES
/// module, fetched in CORS mode); no header here may stop another site from loading them.
/// </summary>
public sealed class WidgetAssetsModule : ICarterModule
{
    public const string LoaderCacheControl = "public, max-age=300";
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapMethods("/widget/{file}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .WithTags("Widget").WithName("WidgetAsset").ExcludeFromDescription();
    }

    private static IResult Serve(string file, HttpContext context, WidgetAssets assets)
    {
        if (assets.Find(file) is not { } asset)
        {
            return Problems.From(Failure.NotFound("Widget file"));
        }
        var (body, encoding) = Negotiate(context.Request, asset.Plain, asset.Gzip, asset.Brotli);
        var etag = $"\"{asset.Hash}{(encoding is null ? "" : "-" + encoding)}\"";
        var headers = context.Response.Headers;
        headers.CacheControl = asset.Immutable ? ImmutableCacheControl : LoaderCacheControl;
        headers.ETag = etag;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch
            && ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Equals(etag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }
        return TypedResults.Bytes(body, "text/javascript; charset=utf-8");
    }

    /// <summary>Brotli, else gzip, else plain, as the client's Accept-Encoding allows (q=0 refuses one).</summary>
    internal static (byte[] Body, string? Encoding) Negotiate(HttpRequest request, byte[] plain, byte[]? gzip, byte[]? brotli)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string coding) => accepted.Any(a =>
            (a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) || a.Value.Equals("*", StringComparison.Ordinal)) && (a.Quality ?? 1) > 0)
            && !accepted.Any(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) && a.Quality == 0);
        if (brotli is not null && Accepts("br"))
        {
            return (brotli, "br");
        }
        if (gzip is not null && Accepts("gzip"))
        {
            return (gzip, "gzip");
        }
        return (plain, null);
    }
}
