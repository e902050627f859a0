using System.Text.Json;
using Bob.Grains.Abstractions.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Bob.Web.Http;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddBobProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var existing) || existing is not string code)
            {
                code = ProblemCatalog.CodeFor(status);
                problem.Extensions["code"] = code;
                problem.Type = ProblemCatalog.TypeFor(code);
                problem.Title ??= ProblemCatalog.Describe(code).Title;
            }
            problem.Detail ??= problem.Title;
            problem.Extensions.Remove("traceId");
            problem.Extensions["requestId"] = RequestIdMiddleware.Get(context.HttpContext);
            Hosting.WebMetrics.Problem(context.HttpContext, code, status);
        });
        // Let model-binding failures (bad JSON, wrong content type) reach the exception handler below.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BobExceptionHandler>();
        return services;
    }
}

/// <summary>Maps framework exceptions to problems; anything unexpected becomes a 500 with no internals leaked.</summary>
public sealed class BobExceptionHandler(ILogger<BobExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (code, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (FailureCodes.UnsupportedMediaType, "Send the body as application/json."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (FailureCodes.PayloadTooLarge, $"The body exceeds {BodySizeLimitMiddleware.MaxBodyBytes} bytes."),
            BadHttpRequestException { InnerException: JsonException json } =>
                (FailureCodes.InvalidJson, JsonDetail(json)),
            BadHttpRequestException bad when bad.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase) =>
                (FailureCodes.InvalidJson, "A JSON body is required."),
            BadHttpRequestException =>
                (FailureCodes.InvalidJson, "The request could not be read."),
            Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or TimeoutException or Orleans.Runtime.ClientNotAvailableException =>
                (FailureCodes.ServiceUnavailable, "The service is briefly unavailable; retry shortly."),
            _ => (FailureCodes.InternalError, "Something went wrong on our side. Quote the requestId when reporting it."),
        };
        if (code == FailureCodes.InternalError)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else if (code == FailureCodes.ServiceUnavailable)
        {
            logger.LogWarning(exception, "Cluster unavailable for {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Headers.RetryAfter = "2";
        }
        await Problems.WriteAsync(context, code, detail);
        return true;
    }

    private static string JsonDetail(JsonException json) =>
        json.Path is { Length: > 0 } path && path != "$"
            ? $"The value at '{path}' is malformed or has the wrong type."
            : "The body is not well-formed JSON.";
}
