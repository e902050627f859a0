using Bob.Grains.Abstractions.Common;
using Microsoft.AspNetCore.Http.Features;

namespace Bob.Web.Http;

/// <summary>
/// Bodies are at most 32 KiB (API.md). A declared larger length is refused before reading; an undeclared
/// (chunked) body is capped by the server, which throws once it passes the limit.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public const int MaxBodyBytes = 32 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await Problems.WriteAsync(context, FailureCodes.PayloadTooLarge, $"The body exceeds {MaxBodyBytes} bytes.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
        await next(context);
    }
}
