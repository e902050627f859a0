using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bob.Grains.Abstractions.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bob.Web.Tests.Fuzz;

public enum FuzzAuth
{
    Anonymous,
    Owner,
    PlatformAdmin,
    Widget,
}

public enum InputKind
{
    Body,
    Query,
    Route,
    Header,
}

/// <summary>One input of a route: a JSON body field (by its JSON name), a query parameter, a route value or a header.</summary>
public sealed record FuzzInput(InputKind Kind, string Name, Type Type)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}

/// <summary>A route as the fuzzer sees it: how to call it and which inputs to vary.</summary>
public sealed record FuzzRoute(string Method, string Pattern, FuzzAuth Auth, Type? BodyType, IReadOnlyList<FuzzInput> Inputs)
{
    public string Name => $"{Method} {Pattern}";

    public bool ProducesEventStream => Pattern.EndsWith("/events", StringComparison.Ordinal);
}

/// <summary>
/// Finds every route of the running app in its <see cref="EndpointDataSource"/> and works out, from the endpoint's own
/// metadata (handler parameters, accepted body type, authorization policy), how to call it and which inputs it takes, so
/// routes added later are fuzzed without a line here. Only what a handler reads by hand from <see cref="HttpContext"/>
/// (widget keys, resume positions, idempotency keys) is listed by path. A route it cannot call is reported, by name.
/// </summary>
public static class RouteCatalog
{
    private static readonly string[] ParameterTypesBoundByTheFramework = ["HttpContext", "HttpRequest", "HttpResponse", "CancellationToken", "ClaimsPrincipal"];

    public static (IReadOnlyList<FuzzRoute> Routes, IReadOnlyList<string> Uncoverable) Discover(IServiceProvider services)
    {
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        var routes = new List<FuzzRoute>();
        var uncoverable = new List<string>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var name = $"{method} {pattern}";
                var problems = new List<string>();
                var auth = AuthFor(endpoint, pattern, problems);
                var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
                var inputs = new List<FuzzInput>();
                foreach (var parameter in endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
                {
                    if (Classify(parameter, endpoint.RoutePattern, bodyType, isService) is { } input)
                    {
                        inputs.AddRange(input.Kind == InputKind.Body ? BodyFields(input.Type, json, problems) : [input]);
                    }
                    else if (!IsInfrastructure(parameter, isService))
                    {
                        problems.Add($"parameter '{parameter.Name}' ({parameter.ParameterType.Name}) has a source the fuzzer does not know");
                    }
                }
                foreach (var routeValue in endpoint.RoutePattern.Parameters.Where(p => !inputs.Exists(i => i.Kind == InputKind.Route && i.Name == p.Name)))
                {
                    inputs.Add(new FuzzInput(InputKind.Route, routeValue.Name, typeof(string)));
                }
                inputs.AddRange(ReadByHand(pattern));
                if (problems.Count > 0)
                {
                    uncoverable.Add($"{name}: {string.Join("; ", problems)}");
                }
                else
                {
                    routes.Add(new FuzzRoute(method, pattern, auth, bodyType, inputs));
                }
            }
        }
        return (routes, uncoverable);
    }

    private static FuzzInput? Classify(ParameterInfo parameter, Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, Type? bodyType, IServiceProviderIsService isService)
    {
        var type = parameter.ParameterType;
        if (bodyType is not null && type == bodyType)
        {
            return new FuzzInput(InputKind.Body, parameter.Name!, type);
        }
        if (pattern.GetParameter(parameter.Name!) is not null)
        {
            return new FuzzInput(InputKind.Route, parameter.Name!, type);
        }
        var scalar = type.IsArray ? type.GetElementType()! : Nullable.GetUnderlyingType(type) ?? type;
        return scalar == typeof(string) || scalar.IsPrimitive || scalar == typeof(Guid) || scalar == typeof(decimal)
            ? new FuzzInput(InputKind.Query, parameter.Name!, type)
            : null;
    }

    /// <summary>Services, the request itself, and types that bind themselves from it (<c>Caller</c> via BindAsync).</summary>
    private static bool IsInfrastructure(ParameterInfo parameter, IServiceProviderIsService isService) =>
        isService.IsService(parameter.ParameterType)
        || ParameterTypesBoundByTheFramework.Contains(parameter.ParameterType.Name)
        || parameter.ParameterType.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is not null;

    private static IEnumerable<FuzzInput> BodyFields(Type type, JsonSerializerOptions json, List<string> problems)
    {
        var info = json.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            problems.Add($"body type {type.Name} is not a JSON object");
            return [];
        }
        return info.Properties.Select(p => new FuzzInput(InputKind.Body, p.Name, p.PropertyType));
    }

    private static FuzzAuth AuthFor(RouteEndpoint endpoint, string pattern, List<string> problems)
    {
        if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is null)
        {
            return pattern.StartsWith("/api/widget/", StringComparison.Ordinal) ? FuzzAuth.Widget : FuzzAuth.Anonymous;
        }
        var required = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
            .SelectMany(p => p.Requirements).OfType<ClaimsAuthorizationRequirement>()
            .SelectMany(r => r.AllowedValues ?? []).ToList();
        if (required.All(p => Permissions.Grants(Roles.Owner, p)))
        {
            return FuzzAuth.Owner;
        }
        if (required.All(p => Permissions.Grants(Roles.PlatformAdmin, p)))
        {
            return FuzzAuth.PlatformAdmin;
        }
        problems.Add($"no fuzzing identity holds {string.Join(", ", required)}");
        return FuzzAuth.Anonymous;
    }

    /// <summary>Inputs handlers read from the request themselves, by where they are read.</summary>
    private static IEnumerable<FuzzInput> ReadByHand(string pattern)
    {
        if (pattern.StartsWith("/api/widget/", StringComparison.Ordinal))
        {
            yield return new FuzzInput(InputKind.Query, "key", typeof(string));
            yield return new FuzzInput(InputKind.Header, "X-Widget-Key", typeof(string));
            yield return new FuzzInput(InputKind.Header, "X-Bob-Identity", typeof(string));
            yield return new FuzzInput(InputKind.Query, "identity", typeof(string));
        }
        if (pattern.EndsWith("/events", StringComparison.Ordinal))
        {
            yield return new FuzzInput(InputKind.Query, "after", typeof(string));
            yield return new FuzzInput(InputKind.Header, "Last-Event-ID", typeof(string));
        }
        if (pattern is "/api/chat" or "/api/widget/chat" or "/api/chat/message")
        {
            yield return new FuzzInput(InputKind.Header, "Idempotency-Key", typeof(string));
        }
    }
}
