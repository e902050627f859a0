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
            Runtime.WebMetrics.Problem(context.HttpContext, code, status);
        });
        // Let model-binding failures (bad JSON, wrong content type) reach the exception handler below.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new StorableTextJsonConverter()));
        services.AddExceptionHandler<BobExceptionHandler>();
        return services;
    }
}

/// <summary>Answers every unhandled exception with its problem (<see cref="ExceptionFailures"/>); no internals leak.</summary>
public sealed class BobExceptionHandler(ILogger<BobExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var failure = ExceptionFailures.From(exception);
        if (failure.Code == FailureCodes.InternalError)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else if (failure.Code == FailureCodes.ServiceUnavailable)
        {
            logger.LogWarning(exception, "Unavailable for {Method} {Path}: {Detail}", context.Request.Method, context.Request.Path, failure.Detail);
        }
        await Problems.From(failure, context).ExecuteAsync(context);
        return true;
    }
}
