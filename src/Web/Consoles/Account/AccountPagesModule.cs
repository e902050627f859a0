using Bob.Web.Auth;
using Bob.Web.Features.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Consoles.Account;

/// <summary>Log in, sign up, accept an invitation, log out: forms over <see cref="AccountActions"/>, the API's own code.</summary>
public sealed class AccountPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, string? returnUrl) =>
            Caller.From(context.User) is { } caller
                ? Results.Redirect(PageResults.LocalOrNull(returnUrl) ?? PageViewer.HomeFor(caller.Role))
                : PageResults.Render<LoginPage>(new { Viewer = PageViewer.Of(context), ReturnUrl = PageResults.LocalOrNull(returnUrl) })).PublicPage();
        app.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimits.Auth).PublicPage();

        app.MapGet("/signup", (HttpContext context) => PageResults.Render<SignupPage>(new { Viewer = PageViewer.Of(context) })).PublicPage();
        app.MapPost("/signup", SignupAsync).RequireRateLimiting(RateLimits.Auth).PublicPage();

        app.MapGet("/accept-invitation", (HttpContext context, string? token) =>
            PageResults.Render<AcceptInvitationPage>(new { Viewer = PageViewer.Of(context), Token = token })).PublicPage();
        app.MapPost("/accept-invitation", AcceptInvitationAsync).RequireRateLimiting(RateLimits.Auth).PublicPage();

        app.MapPost("/logout", async (Caller caller, IClusterClient cluster, HttpContext context) =>
        {
            await AccountActions.LogoutAsync(cluster, context, caller);
            return PageResults.SeeOther("/");
        }).MemberPage((string?)null);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IClusterClient cluster)
    {
        var form = await PageForm.ReadAsync(context);
        var returnUrl = PageResults.LocalOrNull(form["returnUrl"]);
        var result = await AccountActions.LoginAsync(cluster, context, form["email"], form["password"]);
        return result.IsSuccess
            ? PageResults.SeeOther(returnUrl ?? PageViewer.HomeFor(result.Value!.User.Role))
            : PageResults.RenderFailure<LoginPage>(result.Failure!, new { Viewer = PageViewer.Of(context), Email = form["email"], ReturnUrl = returnUrl, result.Failure });
    }

    private static async Task<IResult> SignupAsync(HttpContext context, IClusterClient cluster)
    {
        var form = await PageForm.ReadAsync(context);
        var signup = await AccountActions.SignupAsync(cluster, form["businessName"], form["email"], form["password"], form["website"]);
        if (!signup.IsSuccess)
        {
            return PageResults.RenderFailure<SignupPage>(signup.Failure!, new { Viewer = PageViewer.Of(context), Form = form, signup.Failure });
        }
        var login = await AccountActions.LoginAsync(cluster, context, form["email"], form["password"]);
        return PageResults.SeeOther(login.IsSuccess ? ConsolePage.PortalHome.Path : "/login");
    }

    private static async Task<IResult> AcceptInvitationAsync(HttpContext context, IClusterClient cluster)
    {
        var form = await PageForm.ReadAsync(context);
        var result = await AccountActions.AcceptInvitationAsync(cluster, context, form["token"], form["password"]);
        return result.IsSuccess
            ? PageResults.SeeOther(PageViewer.HomeFor(result.Value!.User.Role))
            : PageResults.RenderFailure<AcceptInvitationPage>(result.Failure!, new { Viewer = PageViewer.Of(context), Token = form["token"], result.Failure });
    }
}
