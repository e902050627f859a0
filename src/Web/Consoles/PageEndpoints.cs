using Bob.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Bob.Web.Consoles;

/// <summary>Marks an endpoint as an HTML page: refusals answer as pages (a redirect to login, a 403 page), not problems.</summary>
public sealed class PageEndpoint
{
    public static readonly PageEndpoint Instance = new();
}

public static class PageEndpoints
{
    /// <summary>A page anyone may open (login, signup, the home page).</summary>
    public static TBuilder PublicPage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PageEndpoint.Instance).ExcludeFromDescription();

    /// <summary>A page (or a page's form) behind the same permission check as the API's (<see cref="AuthSetup.RequirePermission"/>);
    /// a null permission admits any signed-in member.</summary>
    public static TBuilder MemberPage<TBuilder>(this TBuilder builder, string? permission) where TBuilder : IEndpointConventionBuilder =>
        (permission is null ? builder.RequireAuthorization() : builder.RequirePermission(permission)).PublicPage();

    public static TBuilder MemberPage<TBuilder>(this TBuilder builder, ConsolePage page) where TBuilder : IEndpointConventionBuilder =>
        builder.MemberPage(page.Permission);

    public static bool IsPage(this HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<PageEndpoint>() is not null;
}

/// <summary>
/// Authorization refusals on pages: signed out (or a session that ended) → 302 to <c>/login?returnUrl=…</c>; signed in
/// without the permission → the 403 page. API endpoints keep the problem answers of the default handler.
/// </summary>
public sealed class PageAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _api = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!context.IsPage() || authorizeResult.Succeeded)
        {
            await _api.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        if (authorizeResult.Challenged)
        {
            if (context.Request.Cookies.ContainsKey(BobClaims.SessionCookie))
            {
                context.ClearSessionCookie();
            }
            context.Response.Redirect(PageResults.LoginFor(context.Request));
            return;
        }
        await PageResults.Render<Shared.ForbiddenPage>(new { Viewer = PageViewer.Of(context) }, StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }
}
