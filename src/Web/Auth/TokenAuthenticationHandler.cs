using System.Security.Claims;
using System.Text.Encodings.Web;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Runtime;
using Bob.Web.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bob.Web.Auth;

/// <summary>
/// Accepts <c>Authorization: Bearer</c> or the <c>bob_session</c> cookie; both carry the same opaque token,
/// checked against its grain on every request, so logout and removal take effect on every node at once. Widget routes
/// (<see cref="WidgetKeyRequired"/>) are not authenticated as a user.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IClusterClient cluster,
    SiloLossGuard guard,
    TokenSigningKey signingKey) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaxTokenLength = 256;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // A widget route is the visitor's, authorized by its widget key alone: a Bob login the browser (or a load tool)
        // happens to send along is not looked up, and no one acts as that user there (ActingUserMiddleware, audit).
        if (Context.GetEndpoint()?.Metadata.GetMetadata<WidgetKeyRequired>() is not null)
        {
            return AuthenticateResult.NoResult();
        }
        var (token, method) = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        // A token Bob did not issue (no valid MAC) is refused here: a made-up token wakes no grain and runs no query.
        if (token.Length > MaxTokenLength || !AccessTokens.IsSigned(await signingKey.GetAsync(), token))
        {
            return AuthenticateResult.Fail("malformed token");
        }
        var tokenKey = AccessTokens.KeyOf(token);
        // A read: repeatable if the token's silo dies under it.
        var principal = await guard.CallAsync(() => cluster.GetGrain<IAccessTokenGrain>(tokenKey).AuthenticateAsync(), repeatable: true);
        if (principal is null)
        {
            return AuthenticateResult.Fail("unknown, expired or revoked token");
        }
        var claims = new List<Claim>
        {
            new(BobClaims.UserId, principal.UserId),
            new(BobClaims.Tenant, principal.TenantId.Value),
            new(BobClaims.Role, principal.Role),
            new(BobClaims.Email, principal.Email),
            new(BobClaims.Csrf, principal.CsrfToken),
            new(BobClaims.Method, method),
            new(BobClaims.TokenKey, tokenKey),
        };
        if (principal.TenantSuspended)
        {
            claims.Add(new Claim(BobClaims.TenantSuspended, "true"));
        }
        claims.AddRange(Permissions.For(principal.Role).Select(p => new Claim(BobClaims.Permission, p)));
        var identity = new ClaimsIdentity(claims, BobClaims.Scheme, BobClaims.UserId, BobClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), BobClaims.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = ReadToken().Token is not null;
        await Problems.WriteAsync(Context,
            presented ? FailureCodes.InvalidToken : FailureCodes.Unauthenticated,
            presented ? "The token is unknown, expired or revoked: log in again." : "Send a bearer token or the session cookie.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, FailureCodes.Forbidden, "Your role does not grant this action.");

    private (string? Token, string Method) ReadToken()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (authorization["Bearer ".Length..].Trim(), BobClaims.ViaBearer);
        }
        return Request.Cookies.TryGetValue(BobClaims.SessionCookie, out var cookie) && cookie.Length > 0
            ? (cookie, BobClaims.ViaCookie)
            : (null, BobClaims.ViaBearer);
    }
}
