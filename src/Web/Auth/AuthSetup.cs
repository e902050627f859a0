using Bob.Web.Http;
using Microsoft.AspNetCore.Authentication;

namespace Bob.Web.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddBobAuth(this IServiceCollection services)
    {
        services.AddAuthentication(BobClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(BobClaims.Scheme, null);
        services.AddAuthorization();
        services.AddSingleton<TokenSigningKey>();
        return services;
    }

    /// <summary>Requires a login whose role grants <paramref name="permission"/> (API.md's role table).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireClaim(BobClaims.Permission, permission));

    public static void SetSessionCookie(this HttpContext context, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(BobClaims.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = SecureCookies(context),
            Path = "/",
            Expires = expiresAt,
        });

    public static void ClearSessionCookie(this HttpContext context) =>
        context.Response.Cookies.Delete(BobClaims.SessionCookie, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = SecureCookies(context) });

    private static bool SecureCookies(HttpContext context) =>
        context.Request.IsHttps || PublicUrl.IsHttps(context.RequestServices.GetRequiredService<IConfiguration>());
}
