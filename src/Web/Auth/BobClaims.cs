namespace Bob.Web.Auth;

public static class BobClaims
{
    public const string Scheme = "Bob";
    public const string UserId = "sub";
    public const string Tenant = "tenant";
    public const string Role = "role";
    public const string Email = "email";
    public const string Permission = "perm";
    public const string Csrf = "csrf";
    public const string Method = "auth_method";
    public const string TokenKey = "token_key";
    /// <summary>Present (value "true") when the caller's tenant is suspended.</summary>
    public const string TenantSuspended = "tenant_suspended";
    public const string ViaCookie = "cookie";
    public const string ViaBearer = "bearer";
    public const string SessionCookie = "bob_session";
    public const string CsrfHeader = "X-CSRF-Token";
}
