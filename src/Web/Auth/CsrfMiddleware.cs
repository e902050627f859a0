using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Http;
using Microsoft.AspNetCore.Authorization;

namespace Bob.Web.Auth;

/// <summary>
/// A cookie travels with every request the browser makes, so on routes that need a login, unsafe methods
/// authenticated by the cookie must echo the session's CSRF token in <c>X-CSRF-Token</c>. Bearer calls are exempt:
/// a browser never attaches a bearer token on its own.
/// </summary>
public sealed class CsrfMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (RequiresCsrf(context) && !AccessTokens.SecretsEqual(context.User.FindFirst(BobClaims.Csrf)!.Value, context.Request.Headers[BobClaims.CsrfHeader].ToString()))
        {
            await Problems.WriteAsync(context, FailureCodes.CsrfFailed, "Cookie-authenticated changes must send the X-CSRF-Token header returned at login.");
            return;
        }
        await next(context);
    }

    private static bool RequiresCsrf(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
        && context.User.FindFirst(BobClaims.Method)?.Value == BobClaims.ViaCookie
        && context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null;
}
