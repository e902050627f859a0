using Bob.Web.Tests.Infrastructure;

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
