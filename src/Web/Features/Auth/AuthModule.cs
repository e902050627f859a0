using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Features.Auth;

public sealed class AuthModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/auth").WithTags("Auth").ProducesProblems(503);
        app.MapPost("/signup", SignupAsync).RequireRateLimiting(RateLimits.Auth).WithName("Signup")
            .WithSummary("Create a tenant, its owner, default persona and first widget key").ProducesProblems(429);
        app.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimits.Auth).WithName("Login")
            .WithSummary("Exchange email and password for a token and session cookie").ProducesProblems(429);
        app.MapPost("/accept-invitation", AcceptInvitationAsync).RequireRateLimiting(RateLimits.Auth).WithName("AcceptInvitation")
            .WithSummary("Join a team with an invitation token and a new password; signs you in").ProducesProblems(429);
        app.MapPost("/logout", LogoutAsync).RequireAuthorization().WithMetadata(AllowedWhileSuspended.Instance).WithName("Logout")
            .WithSummary("Revoke this token (and its cookie) on every node").ProducesProblems(401);
        app.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Auth).WithName("ChangePassword")
            .WithSummary("Replace your password (currentPassword, newPassword): every session of yours is signed out and a new token is returned")
            .ProducesProblems(401, 429);
        app.MapGet("/me", MeAsync).RequireAuthorization().WithName("Me")
            .WithSummary("Who is signed in: user, role, permissions and tenant").ProducesProblems(401);
    }

    public static async Task<Results<Created<SignupResult>, Problem<Status400, Status409>>> SignupAsync(SignupBody body, IClusterClient cluster) =>
        (await AccountActions.SignupAsync(cluster, body.BusinessName, body.Email, body.Password, body.Website)).CreatedOr(_ => "/api/tenant", Problem<Status400, Status409>.For);

    public static async Task<Results<Ok<LoginResult>, Problem<Status400, Status401>>> LoginAsync(LoginBody body, IClusterClient cluster, HttpContext context) =>
        (await AccountActions.LoginAsync(cluster, context, body.Email, body.Password)).OkOr(Problem<Status400, Status401>.For);

    public static async Task<Results<Ok<LoginResult>, Problem<Status400, Status409>>> AcceptInvitationAsync(AcceptInvitationBody body, IClusterClient cluster, HttpContext context) =>
        (await AccountActions.AcceptInvitationAsync(cluster, context, body.Token, body.Password)).OkOr(Problem<Status400, Status409>.For);

    public static async Task<Results<Ok<LoginResult>, Problem<Status400>>> ChangePasswordAsync(ChangePasswordBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
        (await AccountActions.ChangePasswordAsync(cluster, context, caller, body.CurrentPassword, body.NewPassword)).OkOr(Problem<Status400>.For);

    public static async Task<NoContent> LogoutAsync(Caller caller, IClusterClient cluster, HttpContext context)
    {
        await AccountActions.LogoutAsync(cluster, context, caller);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<MeResponse>> MeAsync(Caller caller, IClusterClient cluster)
    {
        var tenant = await cluster.GetGrain<ITenantGrain>(caller.Tenant).GetAsync();
        return TypedResults.Ok(new MeResponse(caller.UserId, caller.Email, caller.Role, caller.Tenant.Value, Permissions.For(caller.Role), tenant));
    }
}
