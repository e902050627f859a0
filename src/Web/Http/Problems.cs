using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Http;

/// <summary>Turns failures into RFC 9457 problem results; <see cref="ProblemDetailsSetup"/> adds the request id.</summary>
public static class Problems
{
    public static IResult From(Failure failure, HttpContext? context = null)
    {
        if (failure.RetryAfter is { } retryAfter && context is not null)
        {
            SetRetryAfter(context, retryAfter);
        }
        return Of(failure.Code, failure.Detail, failure.Errors);
    }

    /// <summary><c>Retry-After</c> in whole seconds, at least 1.</summary>
    public static void SetRetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IResult Of(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new ProblemResult(code, detail, errors);

    /// <summary>Writes a problem directly, for middleware that runs outside endpoint results.</summary>
    public static async Task WriteAsync(HttpContext context, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var result = Of(code, detail, errors);
        await result.ExecuteAsync(context);
    }

    public static IResult Validation(string field, string message) => From(Failure.Validation(field, message));

    /// <summary>A grain's result as 200/201 with its value, or its failure as a problem.</summary>
    public static IResult ToHttp<T>(this Result<T> result, HttpContext context, Func<T, IResult>? onSuccess = null) =>
        result.IsSuccess ? (onSuccess ?? (v => TypedResults.Ok(v)))(result.Value!) : From(result.Failure!, context);

    /// <summary>A grain's result handed on to a next step (e.g. a widget key's tenant to its chat), or its failure as a problem.</summary>
    public static async Task<IResult> ToHttpAsync<T>(this Result<T> result, HttpContext context, Func<T, Task<IResult>> onSuccess) =>
        result.IsSuccess ? await onSuccess(result.Value!) : From(result.Failure!, context);

    public static IResult ToHttp(this Outcome outcome, HttpContext context) =>
        outcome.IsSuccess ? TypedResults.NoContent() : From(outcome.Failure!, context);
}
