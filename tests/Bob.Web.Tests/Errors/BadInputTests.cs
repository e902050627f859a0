using System.Net.Http.Json;
using System.Text;

namespace Bob.Web.Tests.Errors;

/// <summary>Malformed requests on every route family answer a problem, never a stack trace, and store nothing.</summary>
public sealed class BadInputTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    /// <summary>One body route per family: anonymous auth, and an authenticated (bearer) team route.</summary>
    public static TheoryData<string> BodyRoutes => new() { "/api/auth/signup", "/api/auth/login", "/api/auth/accept-invitation", "/api/team/invitations" };

    private async Task<HttpClient> ClientForAsync(string route) =>
        route.StartsWith("/api/team", StringComparison.Ordinal) ? app.Bearer((await app.SignupAsync()).Token) : app.CreateClient();

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Malformed_json_is_invalid_json(string route)
    {
        var client = await ClientForAsync(route);

        var response = await client.PostAsync(route, ApiClient.RawJson("{\"email\": \"a@b.c\","));

        await response.AssertProblemAsync(400, "invalid_json");
        await response.AssertNoInternalsAsync();
    }

    [Theory]
    [InlineData("/api/auth/signup", "{\"email\": 5}")]
    [InlineData("/api/auth/login", "{\"email\": 5}")]
    [InlineData("/api/auth/accept-invitation", "{\"token\": 5}")]
    [InlineData("/api/team/invitations", "{\"email\": 5}")]
    [InlineData("/api/team/invitations", "{\"email\": \"a@example.com\", \"role\": {\"name\": \"admin\"}}")]
    public async Task Wrong_json_types_are_invalid_json(string route, string json)
    {
        var client = await ClientForAsync(route);

        var response = await client.PostAsync(route, ApiClient.RawJson(json));

        await response.AssertProblemAsync(400, "invalid_json");
        await response.AssertNoInternalsAsync();
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Empty_body_is_refused(string route)
    {
        var client = await ClientForAsync(route);

        var response = await client.PostAsync(route, ApiClient.RawJson(""));

        await response.AssertProblemAsync(400, "invalid_json");
        await response.AssertNoInternalsAsync();
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Text_plain_body_is_an_unsupported_media_type(string route)
    {
        var client = await ClientForAsync(route);

        var response = await client.PostAsync(route, new StringContent("{\"email\":\"a@b.c\"}", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(415, "unsupported_media_type");
        await response.AssertNoInternalsAsync();
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Body_over_32_KiB_is_too_large(string route)
    {
        var client = await ClientForAsync(route);
        var json = $"{{\"email\":\"{new string('a', 33 * 1024)}@example.com\",\"password\":\"{ApiClient.Password}\"}}";

        var response = await client.PostAsync(route, ApiClient.RawJson(json));

        await response.AssertProblemAsync(413, "payload_too_large");
        await response.AssertNoInternalsAsync();
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"just a string\"")]
    public async Task Json_that_is_not_an_object_is_refused(string json)
    {
        var response = await app.CreateClient().PostAsync("/api/auth/login", ApiClient.RawJson(json));

        await response.AssertProblemAsync(400, "invalid_json");
        await response.AssertNoInternalsAsync();
    }

    [Fact]
    public async Task Body_without_content_type_is_an_unsupported_media_type()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"email\":\"a@b.c\",\"password\":\"whatever-password\"}"));

        var response = await app.CreateClient().PostAsync("/api/auth/login", content);

        await response.AssertProblemAsync(415, "unsupported_media_type");
    }

    [Fact]
    public async Task Oversized_signup_stores_nothing()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/signup", new { businessName = "Big", email, password = ApiClient.Password, website = "https://x.example.com/" + new string('p', 33 * 1024) });

        await response.AssertProblemAsync(413, "payload_too_large");
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = ApiClient.Password })).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Wrong_json_types_on_a_team_role_change_are_invalid_json_and_change_nothing()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Bearer(tenant.Token).PutAsync($"/api/team/{tenant.OwnerId}", ApiClient.RawJson("{\"role\": [\"admin\"]}"));

        await response.AssertProblemAsync(400, "invalid_json");
        var team = await app.TeamAsync(tenant.Token);
        Assert.Equal("owner", team["members"]![0]!["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/auth/nope")]
    [InlineData("/definitely/not/here")]
    public async Task Unknown_route_is_a_not_found_problem(string route)
    {
        var response = await app.CreateClient().GetAsync(route);

        await response.AssertProblemAsync(404, "not_found");
        await response.AssertNoInternalsAsync();
    }

    [Theory]
    [InlineData("DELETE", "/api/auth/login")]
    [InlineData("GET", "/api/auth/signup")]
    [InlineData("PUT", "/api/auth/me")]
    public async Task Wrong_method_is_a_method_not_allowed_problem(string method, string route)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), route));

        await response.AssertProblemAsync(405, "method_not_allowed");
        await response.AssertNoInternalsAsync();
    }

    [Fact]
    public async Task Auth_failures_leak_no_internals()
    {
        await (await app.Bearer("garbage").GetAsync("/api/team")).AssertNoInternalsAsync();
        await (await app.CreateClient().GetAsync("/api/team")).AssertNoInternalsAsync();
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "x@example.com", password = "whatever-password" })).AssertNoInternalsAsync();
    }
}
