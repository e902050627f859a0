using Bob.Grains.Abstractions.Common;
using Bob.Web.Features.Widget;
using Bob.Web.Http;
using Carter;
using Microsoft.Net.Http.Headers;

namespace Bob.Web.Consoles;

/// <summary>Serves <see cref="ConsoleAssets"/>: versioned addresses, so a year's cache; gzip when the browser takes it.</summary>
public sealed class ConsoleAssetsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapMethods(ConsoleAssets.BasePath + "/{file}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .WithName("ConsoleAsset").ExcludeFromDescription();
    }

    private static IResult Serve(string file, HttpContext context, ConsoleAssets assets)
    {
        if (assets.Find(file) is not { } asset)
        {
            return Problems.From(Failure.NotFound("File"));
        }
        var (body, encoding) = WidgetAssetsModule.Negotiate(context.Request, asset.Plain, asset.Gzip, brotli: null);
        var headers = context.Response.Headers;
        headers.CacheControl = WidgetAssetsModule.ImmutableCacheControl;
        headers.ETag = $"\"{asset.Hash}{(encoding is null ? "" : "-" + encoding)}\"";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }
        return TypedResults.Bytes(body, asset.ContentType);
    }
}
