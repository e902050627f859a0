namespace Bob.Web.Http;

public static class PublicUrl
{
    /// <summary><c>Bob:PublicUrl</c> when set (behind a proxy), else this request's own scheme and host.</summary>
    public static string Of(HttpContext context, IConfiguration configuration) =>
        (configuration["Bob:PublicUrl"] is { Length: > 0 } configured ? configured : $"{context.Request.Scheme}://{context.Request.Host}").TrimEnd('/');
}
