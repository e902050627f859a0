using System.Text.Json;
using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Conversations;
using Bob.Web.Auth;
using Bob.Web.Features.Conversations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Bob.Web.Http;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and its browsable reference at <c>/api-reference</c>: every route with
/// its summary, bodies, responses and problems, and which credential it takes (bearer token, session cookie, widget key).
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    public const string BearerScheme = "bearer";
    public const string CookieScheme = "sessionCookie";
    public const string WidgetKeyScheme = "widgetKey";

    private static readonly string[] ChatNamespaces = [typeof(ChatReply).Namespace!, typeof(ChatBody).Namespace!, typeof(Features.Widget.WidgetConfig).Namespace!];

    public static IServiceCollection AddBobOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // The document describes the public port's API; the cluster dashboard's routes live on the management port.
            options.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("health/", StringComparison.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Bob API";
                document.Info.Description = "Bob, a governed AI front office: tenants, team, personas, knowledge, widget keys, the three chat paths and Mission Control. " +
                    "Errors are RFC 9457 problems with a stable `code`. Chat payloads use snake_case, everything else camelCase.";
                AddSecuritySchemes(document);
                ApiExampleCatalog.DescribeTags(document);
                OpenApiWebhooks.Describe(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                DescribeSecurity(operation, context.Description.ActionDescriptor.EndpointMetadata, context.Document!);
                DeclarePathParameters(operation, context.Description.RelativePath);
                ApiExampleCatalog.AddCodeSamples(operation, context.Description.HttpMethod ?? "", context.Description.RelativePath);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                SnakeCaseChatPayloads(schema, context.JsonTypeInfo.Type);
                DescribeArrayItems(schema, context.JsonTypeInfo.Type);
                return Task.CompletedTask;
            });
        });

    /// <summary>The OpenAPI document and the API reference page, both anonymous.</summary>
    public static void MapBobApiReference(this IEndpointRouteBuilder app)
    {
        // One document, at one address. The generator also takes ?documentName= and answers an unknown one with plain
        // text echoing it; here any other name is a 404 problem.
        app.MapOpenApi(DocumentPath).AllowAnonymous().AddEndpointFilter((context, next) => context.HttpContext.Request.Query.ContainsKey("documentName")
            ? ValueTask.FromResult<object?>(Problems.From(Grains.Abstractions.Common.Failure.NotFound("OpenAPI document")))
            : next(context));
        app.MapScalarApiReference(ReferencePath, options => options.WithTitle("Bob API reference").WithOpenApiRoutePattern(DocumentPath).DisableDefaultFonts())
            .AllowAnonymous();
    }

    private static void AddSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var schemes = document.Components.SecuritySchemes;
        schemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The token from POST /api/auth/login (or accept-invitation), as `Authorization: Bearer <token>`.",
        });
        schemes.TryAdd(CookieScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = BobClaims.SessionCookie,
            Description = $"The HttpOnly cookie set at login, carrying the same token. Unsafe methods must also send `{BobClaims.CsrfHeader}` with the csrfToken from login.",
        });
        schemes.TryAdd(WidgetKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Features.Widget.WidgetAccess.KeyHeader,
            Description = "A public widget key (`pk_live_…`) plus a browser `Origin` on the key's allow-list. The event stream takes it as `?key=` (EventSource cannot set headers).",
        });
    }

    /// <summary>Routes that need a login take the bearer token or the session cookie; widget routes take the widget key; the rest are anonymous (no requirement).</summary>
    private static void DescribeSecurity(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document)
    {
        AddSecuritySchemes(document);
        if (metadata.OfType<WidgetKeyRequired>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(WidgetKeyScheme, document)] = [] }];
            return;
        }
        if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
        ];
        var permissions = metadata.OfType<AuthorizationPolicy>()
            .SelectMany(policy => policy.Requirements.OfType<ClaimsAuthorizationRequirement>())
            .Where(requirement => requirement.ClaimType == BobClaims.Permission)
            .SelectMany(requirement => requirement.AllowedValues ?? [])
            .ToList();
        if (permissions.Count > 0)
        {
            var required = $"Requires the permission {string.Join(", ", permissions.Select(p => $"`{p}`"))}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? required : $"{operation.Description} {required}";
        }
    }

    /// <summary>
    /// Every <c>{name}</c> of the route is a required path parameter, including a catch-all (the widget's preflight
    /// route), which the generator leaves out.
    /// </summary>
    private static void DeclarePathParameters(OpenApiOperation operation, string? relativePath)
    {
        foreach (var name in PathParameterNames(relativePath ?? ""))
        {
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(parameter => parameter.In == ParameterLocation.Path && parameter.Name == name))
            {
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }
        }
    }

    private static IEnumerable<string> PathParameterNames(string path) =>
        path.Split('/').Where(segment => segment.StartsWith('{') && segment.EndsWith('}')).Select(segment => segment.Trim('{', '}', '*').Split(':', '=', '?')[0]);

    /// <summary>
    /// A list of strings is read through Bob's storable-text converter, so the generator knows nothing of its items and
    /// leaves them out (an array schema without <c>items</c> is invalid OpenAPI); the element type says what they are.
    /// </summary>
    private static void DescribeArrayItems(OpenApiSchema schema, Type type)
    {
        if (schema.Type is not { } kind || !kind.HasFlag(JsonSchemaType.Array) || schema.Items is not null)
        {
            return;
        }
        var element = type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        schema.Items = element == typeof(string) ? new OpenApiSchema { Type = JsonSchemaType.String } : new OpenApiSchema();
    }

    /// <summary>Chat payloads are written with <see cref="ChatJson.Options"/> (snake_case names, snake_case enum strings); the document says so.</summary>
    private static void SnakeCaseChatPayloads(OpenApiSchema schema, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(ConversationId))
        {
            schema.Type = JsonSchemaType.String;
            schema.Description = "The conversation's id (session_id).";
            schema.Properties = null;
            schema.Required = null;
            return;
        }
        if (!ChatNamespaces.Contains(underlying.Namespace))
        {
            return;
        }
        if (underlying.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = [.. Enum.GetNames(underlying).Select(name => (JsonNode)JsonValue.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(name))!)];
            return;
        }
        if (schema.Properties is { Count: > 0 } properties)
        {
            schema.Properties = properties.ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key), p => p.Value);
        }
        if (schema.Required is { Count: > 0 } required)
        {
            schema.Required = required.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToHashSet();
        }
    }
}

/// <summary>Marks a route that takes the widget key (X-Widget-Key and an allowed Origin), for the OpenAPI document.</summary>
public sealed class WidgetKeyRequired
{
    public static readonly WidgetKeyRequired Instance = new();
}
