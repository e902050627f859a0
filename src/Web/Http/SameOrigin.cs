namespace Bob.Web.Http;

/// <summary>Whether a browser request comes from this site's own pages.</summary>
public static class SameOrigin
{
    /// <summary>
    /// A browser says where a request comes from in <c>Sec-Fetch-Site</c> (which no page can set): <c>same-origin</c> or
    /// <c>none</c> (typed, bookmarked) pass, <c>cross-site</c> does not. Without it, <c>Origin</c> must be this site's;
    /// a request with neither (curl, server-side code) is not a cross-site browser call and passes. Bob's pages send
    /// <c>Referrer-Policy: no-referrer</c>, under which a form post's <c>Origin</c> is <c>null</c>: hence Sec-Fetch-Site first.
    /// </summary>
    public static bool IsSameOrigin(HttpContext context, IConfiguration configuration)
    {
        switch (context.Request.Headers["Sec-Fetch-Site"].ToString())
        {
            case "cross-site":
                return false;
            case "same-origin" or "none":
                return true;
        }
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin.TrimEnd('/'), PublicUrl.Of(context, configuration), StringComparison.OrdinalIgnoreCase);
    }
}
