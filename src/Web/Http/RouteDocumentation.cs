using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Bob.Web.Http;

/// <summary>One line per route for the OpenAPI document: its summary, its success response and the problems it may answer.</summary>
public static class RouteDocumentation
{
    public static RouteHandlerBuilder Describe<TResponse>(this RouteHandlerBuilder route, string summary, int status, params int[] problems) =>
        route.WithSummary(summary).Produces<TResponse>(status).ProducesProblems(problems);

    /// <summary>A route that answers without a body (204).</summary>
    public static RouteHandlerBuilder DescribeNoContent(this RouteHandlerBuilder route, string summary, params int[] problems) =>
        route.WithSummary(summary).Produces(StatusCodes.Status204NoContent).ProducesProblems(problems);

    /// <summary>A route that answers with a server-sent event stream.</summary>
    public static RouteHandlerBuilder DescribeEventStream(this RouteHandlerBuilder route, string summary, params int[] problems) =>
        route.WithSummary(summary).Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblems(problems);

    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            route.ProducesProblem(status);
        }
        return route;
    }

    /// <summary>
    /// Problems every route of a group may answer whatever its handler returns: its credentials' 401 and 403, the
    /// cluster's 503. The handlers' typed results add their own.
    /// </summary>
    public static RouteGroupBuilder ProducesProblems(this RouteGroupBuilder group, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [Problem.ContentTypeName]));
        }
        return group;
    }
}
