namespace Bob.Web.Http;

/// <summary>
/// The browser-facing security headers, set on every response just before it starts (after any handler wrote it), in
/// this one place. <see cref="PagePolicy"/> is the Content-Security-Policy of every HTML page Bob serves (the consoles:
/// Razor pages with small same-origin scripts and styles): change it here, for all pages at once. Embedding is the
/// product, so the widget's own files (<c>/widget/*</c>) may be loaded by and framed in any site, and the widget's API
/// (<c>/api/widget/*</c>) may be read cross-origin; everything else refuses framing and cross-origin embedding.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Pages: only Bob's own scripts, styles, images, fonts and API; no plugins, no framing, no base tag tricks.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The one exception, the third-party API reference page (Scalar, <see cref="OpenApiSetup.ReferencePath"/>): it boots
    /// from an inline module script and styles itself inline, so it may run inline script and style. It is read-only
    /// documentation of our own OpenAPI document, still talks to nothing but Bob and cannot be framed.
    /// </summary>
    public const string ApiReferencePagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Everything that is not a page (JSON, problems, event streams): nothing may run or be framed from it.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>HSTS for a year on every response when <c>Bob:PublicUrl</c> is https; no includeSubDomains (other hosts
    /// of the operator's domain are not Bob's to decide).</summary>
    public const string StrictTransport = "max-age=31536000";

    public static IApplicationBuilder UseBobSecurityHeaders(this IApplicationBuilder app)
    {
        var hsts = PublicUrl.IsHttps(app.ApplicationServices.GetRequiredService<IConfiguration>());
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context);
                if (hsts)
                {
                    context.Response.Headers.StrictTransportSecurity = StrictTransport;
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>
    /// Nothing Bob answers may be kept by a browser, proxy or CDN unless its route chose its own caching (the widget's and
    /// consoles' static files, the pricebook): answers carry transcripts, tokens, secrets and keys, and a default cannot be
    /// forgotten on the next such route the way a per-route marker can.
    /// </summary>
    public const string NoStore = "no-store";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var path = context.Request.Path;
        if (headers.CacheControl.Count == 0)
        {
            headers.CacheControl = NoStore;
        }
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (path.StartsWithSegments("/widget"))
        {
            headers["Cross-Origin-Resource-Policy"] = "cross-origin";
            return;
        }
        headers["Cross-Origin-Resource-Policy"] = path.StartsWithSegments("/api/widget") ? "cross-origin" : "same-origin";
        headers.XFrameOptions = "DENY";
        var isPage = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        headers.ContentSecurityPolicy = !isPage ? ApiPolicy
            : path.StartsWithSegments(OpenApiSetup.ReferencePath) ? ApiReferencePagePolicy
            : PagePolicy;
    }
}
