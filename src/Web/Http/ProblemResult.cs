using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Bob.Web.Http;

/// <summary>
/// Writes a Bob problem as <c>application/problem+json</c> whatever the request's Accept header says
/// (the framework's writer declines, e.g., <c>Accept: text/event-stream</c> and then drops our extensions).
/// </summary>
public sealed class ProblemResult(string code, string detail, IReadOnlyDictionary<string, string[]>? errors) : IResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var (status, title) = ProblemCatalog.Describe(code);
        var problem = new ProblemDetails { Type = ProblemCatalog.TypeFor(code), Title = title, Status = status, Detail = detail };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }
        problem.Extensions["requestId"] = RequestIdMiddleware.Get(httpContext);
        httpContext.Response.StatusCode = status;
        Runtime.WebMetrics.Problem(httpContext, code, status);
        await httpContext.Response.WriteAsJsonAsync(problem, Json, "application/problem+json");
    }
}
