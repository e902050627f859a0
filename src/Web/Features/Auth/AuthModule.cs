using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Auth;

public sealed class AuthModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/auth").WithTags("Auth");
        app.MapPost("/signup", SignupAsync).RequireRateLimiting(RateLimits.Auth).WithName("Signup")
            .Describe<SignupResult>("Create a tenant, its owner, default persona and first widget key", StatusCodes.Status201Created, 400, 409, 429, 503);
        app.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimits.Auth).WithName("Login")
            .Describe<LoginResult>("Exchange email and password for a token and session cookie", StatusCodes.Status200OK, 400, 401, 429, 503);
        app.MapPost("/accept-invitation", AcceptInvitationAsync).RequireRateLimiting(RateLimits.Auth).WithName("AcceptInvitation")
            .Describe<LoginResult>("Join a team with an invitation token and a new password; signs you in", StatusCodes.Status200OK, 400, 409, 429, 503);
        app.MapPost("/logout", LogoutAsync).RequireAuthorization().WithMetadata(AllowedWhileSuspended.Instance).WithName("Logout")
            .DescribeNoContent("Revoke this token (and its cookie) on every node", 401, 503);
        app.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Auth).WithName("ChangePassword")
            .Describe<LoginResult>("Replace your password (currentPassword, newPassword): every session of yours is signed out and a new token is returned",
                StatusCodes.Status200OK, 400, 401, 429, 503);
        app.MapGet("/me", MeAsync).RequireAuthorization().WithName("Me")
            .Describe<MeResponse>("Who is signed in: user, role, permissions and tenant", StatusCodes.Status200OK, 401, 503);
    }

    private static async Task<IResult> SignupAsync(SignupBody body, IClusterClient cluster, HttpContext context) =>
        (await AccountActions.SignupAsync(cluster, body.BusinessName, body.Email, body.Password, body.Website))
            .ToHttp(context, signup => TypedResults.Created("/api/tenant", signup));

    private static async Task<IResult> LoginAsync(LoginBody body, IClusterClient cluster, HttpContext context) =>
        (await AccountActions.LoginAsync(cluster, context, body.Email, body.Password)).ToHttp(context);

    private static async Task<IResult> AcceptInvitationAsync(AcceptInvitationBody body, IClusterClient cluster, HttpContext context) =>
        (await AccountActions.AcceptInvitationAsync(cluster, context, body.Token, body.Password)).ToHttp(context);

    private static async Task<IResult> ChangePasswordAsync(ChangePasswordBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        (await AccountActions.ChangePasswordAsync(cluster, context, caller, body.CurrentPassword, body.NewPassword)).ToHttp(context);

    private static async Task<IResult> LogoutAsync(Caller caller, IClusterClient cluster, HttpContext context)
    {
        await AccountActions.LogoutAsync(cluster, context, caller);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> MeAsync(Caller caller, IClusterClient cluster)
    {
        var tenant = await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetAsync();
        return TypedResults.Ok(new MeResponse(caller.UserId, caller.Email, caller.Role, caller.Tenant.Value, Permissions.For(caller.Role), tenant));
    }
}
