using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Consoles;

/// <summary>How a page endpoint answers: a component rendered on the server (static, no circuit), or a redirect.</summary>
public static class PageResults
{
    public static IResult Render<TPage>(object parameters, int status = StatusCodes.Status200OK) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    /// <summary>A page whose parameters were gathered by name (e.g. the page's data plus what one form post adds).</summary>
    public static IResult Render<TPage>(IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TPage>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    public static IResult RenderFailure<TPage>(Failure failure, IReadOnlyDictionary<string, object?> parameters) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        Render<TPage>(parameters, ProblemCatalog.Describe(failure.Code).Status);

    /// <summary>The viewer plus every property of <paramref name="extra"/>, by name: a page's data and what one form post adds.</summary>
    public static Dictionary<string, object?> Parameters(HttpContext context, object extra)
    {
        var parameters = new Dictionary<string, object?> { ["Viewer"] = PageViewer.Of(context) };
        foreach (var property in extra.GetType().GetProperties())
        {
            parameters[property.Name] = property.GetValue(extra);
        }
        return parameters;
    }

    /// <summary>A form that failed is shown again with the status its failure has in the API (400, 409, 401…).</summary>
    public static IResult RenderFailure<TPage>(Failure failure, object parameters) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        Render<TPage>(parameters, ProblemCatalog.Describe(failure.Code).Status);

    /// <summary>Post/redirect/get: a successful form answers 303 so a reload never posts twice.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>A return address is followed only when it stays on this site: a path, never <c>//host</c> or <c>/\host</c>.</summary>
    public static string? LocalOrNull(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
            ? url
            : null;

    public static string LoginFor(HttpRequest request) =>
        "/login?returnUrl=" + Uri.EscapeDataString(request.Path.Value + request.QueryString.Value);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
