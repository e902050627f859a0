using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bob.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Errors;

public sealed class HealthAndOpenApiTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Liveness_answers_200()
    {
        var response = await app.CreateClient().GetAsync("/health/live");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_database_and_cluster_healthy()
    {
        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.Equal("healthy", body["checks"]!["database"]!.GetValue<string>());
        Assert.Equal("healthy", body["checks"]!["cluster"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_login_route()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(200, (int)response.StatusCode);
        var document = await response.JsonAsync();
        Assert.NotNull(document["paths"]!["/api/auth/login"]);
        Assert.NotNull(document["paths"]!["/api/auth/login"]!["post"]);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_api_route_with_a_summary_and_the_credentials_it_takes()
    {
        var document = await (await app.CreateClient().GetAsync(OpenApiSetup.DocumentPath)).JsonAsync();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => (Endpoint: e, Method: method)))
            .ToList();

        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        foreach (var (endpoint, method) in routes)
        {
            var path = OpenApiPath(endpoint.RoutePattern.RawText!);
            var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is missing from the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
            var schemes = (operation["security"]?.AsArray() ?? []).SelectMany(requirement => requirement!.AsObject().Select(pair => pair.Key)).Order().ToList();
            string[] expected = endpoint.Metadata.GetMetadata<WidgetKeyRequired>() is not null ? [OpenApiSetup.WidgetKeyScheme]
                : endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null ? [OpenApiSetup.BearerScheme, OpenApiSetup.CookieScheme]
                : [];
            Assert.True(expected.Order().SequenceEqual(schemes), $"{method} {path} declares [{string.Join(", ", schemes)}], expected [{string.Join(", ", expected)}]");
        }
        var declared = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", declared[OpenApiSetup.BearerScheme]!["scheme"]!.GetValue<string>());
        Assert.Equal("bob_session", declared[OpenApiSetup.CookieScheme]!["name"]!.GetValue<string>());
        Assert.Equal("X-Widget-Key", declared[OpenApiSetup.WidgetKeyScheme]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_document_describes_chat_bodies_replies_and_problems_in_their_wire_names()
    {
        var document = await (await app.CreateClient().GetAsync(OpenApiSetup.DocumentPath)).JsonAsync();
        var widgetChat = document["paths"]!["/api/widget/chat"]!["post"]!;

        var body = Resolve(document, widgetChat["requestBody"]!["content"]!["application/json"]!["schema"]!);
        var reply = Resolve(document, widgetChat["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);

        Assert.NotNull(body["properties"]!["session_id"]);
        Assert.NotNull(body["properties"]!["client_message_id"]);
        Assert.Equal("string", Resolve(document, reply["properties"]!["session_id"]!)["type"]!.GetValue<string>());
        Assert.NotNull(reply["properties"]!["message_id"]);
        Assert.Null(reply["properties"]!["messageId"]);
        foreach (var status in new[] { "400", "401", "402", "429" })
        {
            Assert.NotNull(widgetChat["responses"]![status]!["content"]!["application/problem+json"]);
        }
        Assert.Contains("chat.manage", document["paths"]!["/api/chat/message"]!["post"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_reference_page_answers_html_and_serves_its_own_script()
    {
        var client = app.CreateClient();

        var page = await client.GetAsync(OpenApiSetup.ReferencePath);

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var script = Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(script.StartsWith("http", StringComparison.OrdinalIgnoreCase), $"the page loads {script} from elsewhere");
        var scriptResponse = await client.GetAsync(new Uri(new Uri("http://localhost" + OpenApiSetup.ReferencePath + "/"), script));
        Assert.Equal(200, (int)scriptResponse.StatusCode);
    }

    private static string OpenApiPath(string pattern) =>
        "/" + Regex.Replace(pattern, @"\{\*{0,2}(\w+)(:[^}]*)?\}", "{$1}").Trim('/');

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;

    [Theory]
    [InlineData("/openapi/v2.json")]
    [InlineData("/openapi/%3Cscript%3E.json")]
    [InlineData("/openapi/v1.json?documentName=%3Cscript%3E")]
    public async Task An_unknown_openapi_document_is_a_not_found_problem_that_echoes_nothing(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        await response.AssertProblemAsync(404, "not_found");
        Assert.DoesNotContain("script", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
