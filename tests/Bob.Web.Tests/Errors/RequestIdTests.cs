using System.Net.Http.Json;

namespace Bob.Web.Tests.Errors;

public sealed class RequestIdTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private const string Header = "X-Request-Id";

    private static HttpRequestMessage Get(string path, string? requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (requestId is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(Header, requestId));
        }
        return request;
    }

    private static string RequestIdOf(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues(Header));

    [Fact]
    public async Task Well_formed_request_id_is_echoed_on_success()
    {
        var response = await app.CreateClient().SendAsync(Get("/health/live", "abc-123_X.y"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("abc-123_X.y", RequestIdOf(response));
    }

    [Fact]
    public async Task Well_formed_request_id_is_echoed_on_error_and_in_the_problem()
    {
        var response = await app.CreateClient().SendAsync(Get("/api/auth/me", "abc-123_X.y"));

        var problem = await response.AssertProblemAsync(401, "unauthenticated");
        Assert.Equal("abc-123_X.y", RequestIdOf(response));
        Assert.Equal("abc-123_X.y", problem["requestId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public async Task Malformed_request_id_is_replaced(string requestId)
    {
        var response = await app.CreateClient().SendAsync(Get("/health/live", requestId));

        var issued = RequestIdOf(response);
        Assert.NotEqual(requestId, issued);
        Assert.Matches("^[A-Za-z0-9._-]{1,128}$", issued);
    }

    [Fact]
    public async Task Overlong_request_id_is_replaced_and_the_problem_carries_the_new_one()
    {
        var overlong = new string('a', 300);

        var response = await app.CreateClient().SendAsync(Get("/api/nope", overlong));

        var problem = await response.AssertProblemAsync(404, "not_found");
        var issued = RequestIdOf(response);
        Assert.NotEqual(overlong, issued);
        Assert.Equal(issued, problem["requestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_id_is_issued_when_none_is_sent_on_success_and_error()
    {
        var success = await app.CreateClient().GetAsync("/health/live");
        var error = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "whatever-password" });

        Assert.False(string.IsNullOrEmpty(RequestIdOf(success)));
        var problem = await error.AssertProblemAsync(401, "invalid_credentials");
        Assert.Equal(RequestIdOf(error), problem["requestId"]!.GetValue<string>());
        Assert.NotEqual(RequestIdOf(success), RequestIdOf(error));
    }
}
