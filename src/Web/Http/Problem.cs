using System.Reflection;
using Bob.Grains.Abstractions.Common;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Bob.Web.Http;

/// <summary>
/// A failure as a typed result: Bob's RFC 9457 problem (status and title from <see cref="ProblemCatalog"/>, its
/// <c>code</c>, the request id, <c>Retry-After</c> when the failure says when). The type arguments of
/// <see cref="Problem{T1}"/> and its siblings are the statuses the route documents, so a handler's signature lists them.
/// </summary>
public abstract class Problem(Failure failure) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string ContentTypeName = "application/problem+json";

    public Failure Failure { get; } = failure;

    public int? StatusCode => ProblemCatalog.Describe(Failure.Code).Status;

    public string ContentType => ContentTypeName;

    public Task ExecuteAsync(HttpContext httpContext) => Problems.From(Failure, httpContext).ExecuteAsync(httpContext);

    /// <summary>The same response entry as the framework's <c>ProducesProblem</c>.</summary>
    protected static void Document(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ContentTypeName]));
}

public sealed class Problem<T1>(Failure failure) : Problem(failure), IEndpointMetadataProvider
    where T1 : IProblemStatus
{
    public static Problem<T1> For(Failure failure) => new(failure);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, T1.Code);
}

public sealed class Problem<T1, T2>(Failure failure) : Problem(failure), IEndpointMetadataProvider
    where T1 : IProblemStatus
    where T2 : IProblemStatus
{
    public static Problem<T1, T2> For(Failure failure) => new(failure);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Document(builder, T1.Code);
        Document(builder, T2.Code);
    }
}

public sealed class Problem<T1, T2, T3>(Failure failure) : Problem(failure), IEndpointMetadataProvider
    where T1 : IProblemStatus
    where T2 : IProblemStatus
    where T3 : IProblemStatus
{
    public static Problem<T1, T2, T3> For(Failure failure) => new(failure);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Document(builder, T1.Code);
        Document(builder, T2.Code);
        Document(builder, T3.Code);
    }
}

public sealed class Problem<T1, T2, T3, T4>(Failure failure) : Problem(failure), IEndpointMetadataProvider
    where T1 : IProblemStatus
    where T2 : IProblemStatus
    where T3 : IProblemStatus
    where T4 : IProblemStatus
{
    public static Problem<T1, T2, T3, T4> For(Failure failure) => new(failure);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Document(builder, T1.Code);
        Document(builder, T2.Code);
        Document(builder, T3.Code);
        Document(builder, T4.Code);
    }
}

public sealed class Problem<T1, T2, T3, T4, T5>(Failure failure) : Problem(failure), IEndpointMetadataProvider
    where T1 : IProblemStatus
    where T2 : IProblemStatus
    where T3 : IProblemStatus
    where T4 : IProblemStatus
    where T5 : IProblemStatus
{
    public static Problem<T1, T2, T3, T4, T5> For(Failure failure) => new(failure);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Document(builder, T1.Code);
        Document(builder, T2.Code);
        Document(builder, T3.Code);
        Document(builder, T4.Code);
        Document(builder, T5.Code);
    }
}
