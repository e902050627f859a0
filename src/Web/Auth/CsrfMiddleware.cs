using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Consoles;
using Bob.Web.Http;
using Microsoft.AspNetCore.Authorization;

namespace Bob.Web.Auth;

/// <summary>
/// A cookie travels with every request the browser makes, so on routes that need a login, unsafe methods
/// authenticated by the cookie must echo the session's CSRF token: in <c>X-CSRF-Token</c> (scripts), or in the
/// hidden <c>_csrf</c> field of a console form (a form cannot set headers). Same token, same constant-time
/// comparison. Bearer calls are exempt: a browser never attaches a bearer token on its own.
/// </summary>
public sealed class CsrfMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IConfiguration configuration)
    {
        if (context.IsPage() && IsUnsafe(context) && !SameOrigin.IsSameOrigin(context, configuration))
        {
            // Login CSRF: a page form (even a public one: login, signup) is only accepted from Bob's own pages.
            await PageResults.Render<Consoles.Shared.ForbiddenPage>(
                new { Viewer = PageViewer.Of(context), Reason = "Bob's forms only accept posts from Bob's own pages." },
                StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }
        if (RequiresCsrf(context) && !AccessTokens.SecretsEqual(context.User.FindFirst(BobClaims.Csrf)!.Value, await PresentedTokenAsync(context)))
        {
            if (context.IsPage())
            {
                await PageResults.Render<Consoles.Shared.ForbiddenPage>(
                    new { Viewer = PageViewer.Of(context), Reason = "This form was not sent from your open Bob page (its security token is missing or stale). Reload the page and try again." },
                    StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            await Problems.WriteAsync(context, FailureCodes.CsrfFailed, "Cookie-authenticated changes must send the X-CSRF-Token header returned at login.");
            return;
        }
        await next(context);
    }

    private static async Task<string> PresentedTokenAsync(HttpContext context)
    {
        var header = context.Request.Headers[BobClaims.CsrfHeader].ToString();
        if (header.Length > 0 || !context.Request.HasFormContentType)
        {
            return header;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return form[PageForm.CsrfField].ToString();
    }

    private static bool IsUnsafe(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);

    private static bool RequiresCsrf(HttpContext context) =>
        IsUnsafe(context)
        && context.User.FindFirst(BobClaims.Method)?.Value == BobClaims.ViaCookie
        && context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null;
}
