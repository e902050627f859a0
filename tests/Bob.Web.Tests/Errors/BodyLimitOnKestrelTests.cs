using System.Net.Http.Json;
using System.Text;

namespace Bob.Web.Tests.Errors;

/// <summary>
/// The 32 KiB limit on a body that declares no length is enforced by the server while reading, which the
/// in-memory TestServer does not do; so these run over real Kestrel.
/// </summary>
public sealed class BodyLimitOnKestrelTests(KestrelBobWebApp app) : IClassFixture<KestrelBobWebApp>
{
    private static string OversizedSignup(string email) =>
        $"{{\"businessName\":\"Chunked\",\"email\":\"{email}\",\"password\":\"{ApiClient.Password}\",\"website\":\"https://x.example.com/{new string('p', 33 * 1024)}\"}}";

    [Fact]
    public async Task Declared_body_over_32_KiB_is_too_large_and_stores_nothing()
    {
        var email = $"{Guid.NewGuid():N}@example.com";

        var response = await app.CreateClient().PostAsync("/api/auth/signup", ApiClient.RawJson(OversizedSignup(email)));

        await response.AssertProblemAsync(413, "payload_too_large");
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = ApiClient.Password })).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Chunked_body_over_32_KiB_is_too_large_and_stores_nothing()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(OversizedSignup(email))));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/signup") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.CreateClient().SendAsync(request);

        await response.AssertProblemAsync(413, "payload_too_large");
        await response.AssertNoInternalsAsync();
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = ApiClient.Password })).AssertProblemAsync(401, "invalid_credentials");
    }
}
