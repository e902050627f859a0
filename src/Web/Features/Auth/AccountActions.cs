using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;

namespace Bob.Web.Features.Auth;

/// <summary>
/// Signup, login and accepting an invitation, as the JSON API and the console's forms both do them: one copy of the
/// checks and of what signing in means (the token's grain issues it, the HttpOnly session cookie carries it).
/// </summary>
public static class AccountActions
{
    public static Task<Result<SignupResult>> SignupAsync(IClusterClient cluster, string? businessName, string? email, string? password, string? website) =>
        cluster.GetGrain<IAccountsGrain>(0).SignupAsync(new SignupRequest(businessName ?? "", email ?? "", password ?? "", website));

    public static async Task<Result<LoginResult>> LoginAsync(IClusterClient cluster, HttpContext context, string? email, string? password)
    {
        if (new Fields().Required("email", email).Required("password", password).Failure is { } invalid)
        {
            return invalid;
        }
        var result = await cluster.GetGrain<IAccountsGrain>(0).LoginAsync(email!, password!, LoginSources.Of(context.Connection.RemoteIpAddress));
        return SignIn(result, context);
    }

    public static async Task<Result<LoginResult>> AcceptInvitationAsync(IClusterClient cluster, HttpContext context, string? token, string? password)
    {
        if (new Fields().Required("token", token).Required("password", password).Failure is { } invalid)
        {
            return invalid;
        }
        return SignIn(await cluster.GetGrain<IAccountsGrain>(0).AcceptInvitationAsync(token!, password!), context);
    }

    /// <summary>Changes the caller's password; every session of the user ends and this one gets a fresh token (and cookie).</summary>
    public static async Task<Result<LoginResult>> ChangePasswordAsync(IClusterClient cluster, HttpContext context, Caller caller, string? currentPassword, string? newPassword)
    {
        if (new Fields().Required("currentPassword", currentPassword).Required("newPassword", newPassword).Failure is { } invalid)
        {
            return invalid;
        }
        var result = await cluster.GetGrain<IAccountsGrain>(0).ChangePasswordAsync(caller.Tenant, caller.UserId, currentPassword!, newPassword!,
            LoginSources.Of(context.Connection.RemoteIpAddress));
        return SignIn(result, context);
    }

    public static async Task LogoutAsync(IClusterClient cluster, HttpContext context, Caller caller)
    {
        await cluster.GetGrain<IAccessTokenGrain>(caller.TokenKey).RevokeAsync();
        context.ClearSessionCookie();
    }

    private static Result<LoginResult> SignIn(Result<LoginResult> result, HttpContext context)
    {
        if (result.IsSuccess)
        {
            context.SetSessionCookie(result.Value!.Token, result.Value.ExpiresAt);
        }
        return result;
    }
}
