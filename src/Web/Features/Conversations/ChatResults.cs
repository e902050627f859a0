using System.Reflection;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Bob.Web.Features.Conversations;

/// <summary>Typed results for chat payloads, written with <see cref="ChatJson.Options"/> (snake_case).</summary>
public static class ChatResults
{
    public static ChatOk<T> Ok<T>(T value) => new(value);

    public static ChatCreated<T> Created<T>(T value) => new(value);

    public static Results<ChatOk<T>, TProblem> ChatOkOr<T, TProblem>(this Result<T> result, Func<Failure, TProblem> problem)
        where TProblem : Problem =>
        result.IsSuccess ? Ok(result.Value!) : problem(result.Failure!);

    public static Results<ChatCreated<T>, TProblem> ChatCreatedOr<T, TProblem>(this Result<T> result, Func<Failure, TProblem> problem)
        where TProblem : Problem =>
        result.IsSuccess ? Created(result.Value!) : problem(result.Failure!);
}

/// <summary>200 with a chat payload; the route's OpenAPI response is <typeparamref name="T"/>.</summary>
public sealed class ChatOk<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T? Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => ChatJson.Ok(value!).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

/// <summary>201 with a chat payload; the route's OpenAPI response is <typeparamref name="T"/>.</summary>
public sealed class ChatCreated<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T? Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status201Created;

    public Task ExecuteAsync(HttpContext httpContext) => ChatJson.Created(value!).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
}
