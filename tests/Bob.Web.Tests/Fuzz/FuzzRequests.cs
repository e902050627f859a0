using System.Text;
using System.Text.RegularExpressions;
using Bob.Web.Tests.Chat;
using Microsoft.AspNetCore.Http;

namespace Bob.Web.Tests.Fuzz;

/// <summary>One request of the run: a route with one input replaced (or the whole body replaced) by an adversarial value.</summary>
public sealed record FuzzCase(FuzzRoute Route, string Input, FuzzValue Value, HttpRequestMessage Request)
{
    public override string ToString() => $"{Route.Name} [{Input} = {Value.Name}]";
}

/// <summary>
/// Builds well-formed requests for a route (valid values for every input, from the field's name and type; the world's
/// ids for route values) and then spoils exactly one input, so each refusal is about that input.
/// </summary>
public sealed partial class FuzzRequests(FuzzWorld world)
{
    private static readonly Dictionary<string, string> SampleByField = new(StringComparer.OrdinalIgnoreCase)
    {
        ["password"] = "\"correct horse battery\"",
        ["businessName"] = "\"Fuzz Shop\"",
        ["website"] = "\"https://fuzz.example.com\"",
        ["token"] = "\"fuzz-invitation-token\"",
        ["message"] = "\"Do you sell kettles?\"",
        ["title"] = "\"Fuzz title\"",
        ["name"] = "\"Fuzz\"",
        ["description"] = "\"Fuzz description\"",
        ["tone"] = "\"friendly\"",
        ["systemPrompt"] = "\"Be helpful.\"",
        ["content"] = "\"Our kettles boil water in two minutes.\"",
        ["tags"] = "[\"fuzz\"]",
        ["allowedOrigins"] = "[\"https://managed.example.com\"]",
        ["role"] = "\"agent\"",
        ["assistantEngine"] = "\"builtin\"",
        ["publicChat"] = "true",
    };

    public IEnumerable<FuzzCase> CasesFor(FuzzRoute route, IReadOnlyList<FuzzValue> values)
    {
        foreach (var input in route.Inputs)
        {
            foreach (var value in values)
            {
                if (Build(route, input, value) is { } request)
                {
                    yield return new FuzzCase(route, input.ToString(), value, request);
                }
            }
        }
        if (route.BodyType is not null)
        {
            foreach (var (name, body) in SpoiledBodies(route))
            {
                var request = Build(route, null, null)!;
                request.Content = body;
                yield return new FuzzCase(route, "body", new FuzzValue(name, "", ""), request);
            }
        }
    }

    private HttpRequestMessage? Build(FuzzRoute route, FuzzInput? spoiled, FuzzValue? value)
    {
        string Spoil(FuzzInput input, Func<string> valid) => input == spoiled ? (input.Kind == InputKind.Body ? value!.Json : value!.Url) : valid();
        var path = RouteValue().Replace(route.Pattern, m =>
        {
            var input = route.Inputs.First(i => i.Kind == InputKind.Route && i.Name == m.Groups[1].Value);
            return Spoil(input, () => RouteSample(route.Pattern, input.Name));
        });
        var query = route.Inputs.Where(i => i.Kind == InputKind.Query && i == spoiled).Select(i => $"{Uri.EscapeDataString(i.Name)}={value!.Url}");
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path + (query.Any() ? "?" + string.Join('&', query) : ""));
        switch (route.Auth)
        {
            case FuzzAuth.Owner:
                request.Headers.Authorization = new("Bearer", world.Tenant.Token);
                break;
            case FuzzAuth.PlatformAdmin:
                request.Headers.Authorization = new("Bearer", world.AdminToken);
                break;
            case FuzzAuth.Widget:
                request.Headers.TryAddWithoutValidation("Origin", ChatApi.ShopOrigin);
                if (route.Method == HttpMethods.Options)
                {
                    request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
                }
                break;
        }
        foreach (var header in route.Inputs.Where(i => i.Kind == InputKind.Header))
        {
            var valid = header.Name == "X-Widget-Key" ? world.Tenant.WidgetKey : null;
            if (header == spoiled)
            {
                if (!request.Headers.TryAddWithoutValidation(header.Name, value!.Text ?? value.Json))
                {
                    return null;
                }
            }
            else if (valid is not null)
            {
                request.Headers.TryAddWithoutValidation(header.Name, valid);
            }
        }
        if (route.BodyType is not null)
        {
            var fields = route.Inputs.Where(i => i.Kind == InputKind.Body)
                .Select(i => $"{AdversarialInput.JsonString(i.Name)}:{Spoil(i, () => BodySample(route, i))}");
            request.Content = new StringContent("{" + string.Join(',', fields) + "}", Encoding.UTF8, "application/json");
        }
        return request;
    }

    /// <summary>Bodies broken as a whole: duplicate keys, wrong top-level shapes, trailing garbage, deep nesting, bad bytes.</summary>
    private IEnumerable<(string Name, HttpContent Body)> SpoiledBodies(FuzzRoute route)
    {
        var firstText = route.Inputs.FirstOrDefault(i => i.Kind == InputKind.Body && i.Type == typeof(string));
        if (firstText is not null)
        {
            var name = AdversarialInput.JsonString(firstText.Name);
            yield return ("duplicate key, NUL last", Json($"{{{name}:{BodySample(route, firstText)},{name}:\"\\u0000\"}}"));
            yield return ("duplicate key, wrong type last", Json($"{{{name}:{BodySample(route, firstText)},{name}:{{\"x\":1}}}}"));
        }
        yield return ("empty", Json(""));
        yield return ("null", Json("null"));
        yield return ("array", Json("[]"));
        yield return ("string", Json("\"\\u0000\""));
        yield return ("huge number", Json("1" + new string('0', 5000)));
        yield return ("trailing garbage", Json("{} {}"));
        yield return ("deeply nested", Json(string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)));
        yield return ("invalid UTF-8", new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new("application/json") } });
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private string BodySample(FuzzRoute route, FuzzInput field)
    {
        if (field.Name.Equals("email", StringComparison.OrdinalIgnoreCase))
        {
            return AdversarialInput.JsonString(route.Pattern == "/api/auth/login" ? world.Tenant.OwnerEmail : "fuzz-someone@example.com");
        }
        if (field.Name == "session_id")
        {
            return AdversarialInput.JsonString(route.Pattern switch
            {
                "/api/widget/chat" => world.WidgetSession,
                "/api/chat/message" => world.ConsoleSession,
                _ => "fuzz-public-session",
            });
        }
        if (SampleByField.TryGetValue(field.Name, out var sample))
        {
            return sample;
        }
        var type = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
        return type == typeof(string) ? "null"
            : type == typeof(bool) ? "true"
            : type.IsPrimitive || type == typeof(decimal) ? "1"
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "[]"
            : "{}";
    }

    private string RouteSample(string pattern, string name) => name switch
    {
        "documentName" => "v1",
        "path" => "chat",
        "userId" => world.AgentId,
        _ when pattern.StartsWith("/api/personas", StringComparison.Ordinal) => world.PersonaId,
        _ when pattern.StartsWith("/api/knowledge", StringComparison.Ordinal) => world.ArticleId,
        _ when pattern.StartsWith("/api/widget-keys", StringComparison.Ordinal) => world.ManagedKeyId,
        _ when pattern.Contains("/sessions/", StringComparison.Ordinal) => world.WidgetSession,
        _ => "fuzz-id",
    };

    [GeneratedRegex(@"\{\*{0,2}(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteValue();
}
