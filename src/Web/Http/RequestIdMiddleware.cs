using System.Text.RegularExpressions;

namespace Bob.Web.Http;

/// <summary>Every response carries <c>X-Request-Id</c>: the caller's when well-formed, else a new one. Logs carry it too.</summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var requestId = WellFormed().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = requestId;
        // Set just before the headers go out: the exception handler clears the response (headers included) before
        // writing its problem, which would otherwise drop the id from exactly the responses that need it most.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = requestId;
            return Task.CompletedTask;
        });
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            await next(context);
        }
    }

    public static string Get(HttpContext context) => context.TraceIdentifier;

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,128}\z")]
    private static partial Regex WellFormed();
}
