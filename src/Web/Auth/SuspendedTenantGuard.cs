using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;
using Microsoft.AspNetCore.Authorization;

namespace Bob.Web.Auth;

/// <summary>Marks a route a member of a suspended tenant may still call with an unsafe method (logging out).</summary>
public sealed class AllowedWhileSuspended
{
    public static readonly AllowedWhileSuspended Instance = new();

    private AllowedWhileSuspended()
    {
    }
}

/// <summary>
/// Members of a suspended tenant can log in and read, nothing more: every unsafe method on a route that needs a login
/// answers 403 <c>tenant_suspended</c> (chat, Mission Control, management), except those marked <see cref="AllowedWhileSuspended"/>.
/// Suspension is read live with the token on every request, so a suspend or resume applies to the next call on every node.
/// </summary>
public sealed class SuspendedTenantGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsRefused(context))
        {
            await Problems.WriteAsync(context, FailureCodes.TenantSuspended, "This business is suspended: its members can sign in and read, but not change anything or chat.");
            return;
        }
        await next(context);
    }

    private static bool IsRefused(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || context.User.FindFirst(BobClaims.TenantSuspended) is null)
        {
            return false;
        }
        var metadata = context.GetEndpoint()?.Metadata;
        return metadata?.GetMetadata<IAuthorizeData>() is not null
            && metadata.GetMetadata<IAllowAnonymous>() is null
            && metadata.GetMetadata<AllowedWhileSuspended>() is null;
    }
}
