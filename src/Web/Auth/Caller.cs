using System.Reflection;
using System.Security.Claims;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Web.Auth;

/// <summary>
/// The authenticated caller; handlers take it as a parameter. Its tenant comes only from the access token,
/// never from the request, so a route can only ever reach the caller's own tenant's grains.
/// </summary>
public sealed record Caller(TenantId Tenant, string UserId, string Email, string Role, string TokenKey)
{
    public Actor Actor => new(UserId, Role);

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult(From(context.User));

    public static Caller? From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? new Caller(
                new TenantId(user.FindFirstValue(BobClaims.Tenant)!),
                user.FindFirstValue(BobClaims.UserId)!,
                user.FindFirstValue(BobClaims.Email)!,
                user.FindFirstValue(BobClaims.Role)!,
                user.FindFirstValue(BobClaims.TokenKey)!)
            : null;
}
