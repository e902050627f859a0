using Bob.Grains.Abstractions.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bob.Web.Http;

/// <summary>A grain's result as a typed HTTP result: its value on success, its failure as the route's <see cref="Problem"/>.</summary>
public static class TypedAnswers
{
    public static Results<Ok<T>, TProblem> OkOr<T, TProblem>(this Result<T> result, Func<Failure, TProblem> problem)
        where TProblem : Problem =>
        result.IsSuccess ? TypedResults.Ok(result.Value!) : problem(result.Failure!);

    public static Results<Created<T>, TProblem> CreatedOr<T, TProblem>(this Result<T> result, Func<T, string> location, Func<Failure, TProblem> problem)
        where TProblem : Problem =>
        result.IsSuccess ? TypedResults.Created(location(result.Value!), result.Value!) : problem(result.Failure!);

    /// <summary>202 with the value and no Location: the work is queued.</summary>
    public static Results<Accepted<T>, TProblem> AcceptedOr<T, TProblem>(this Result<T> result, Func<Failure, TProblem> problem)
        where TProblem : Problem =>
        result.IsSuccess ? TypedResults.Accepted((string?)null, result.Value!) : problem(result.Failure!);

    public static Results<NoContent, TProblem> NoContentOr<TProblem>(this Outcome outcome, Func<Failure, TProblem> problem)
        where TProblem : Problem =>
        outcome.IsSuccess ? TypedResults.NoContent() : problem(outcome.Failure!);
}
