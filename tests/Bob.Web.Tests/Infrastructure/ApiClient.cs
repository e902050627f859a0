using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bob.Web.Tests.Infrastructure;

/// <summary>A signed-up tenant as seen from outside: its ids, keys and an owner's credentials.</summary>
public sealed record TestTenant(string TenantId, string OwnerId, string OwnerEmail, string Password, string Token, string CsrfToken, string WidgetKeyId, string WidgetKey);

public static class ApiClient
{
    public const string Password = "correct horse battery";

    public static async Task<TestTenant> SignupAsync(this BobWebApp app, string? businessName = null, string? website = "https://shop.example.com")
    {
        var client = app.CreateClient();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var signup = await client.PostAsJsonAsync("/api/auth/signup", new { businessName = businessName ?? $"Shop {Guid.NewGuid():N}"[..13], email, password = Password, website });
        signup.EnsureSuccessStatusCode();
        var body = await signup.Content.ReadFromJsonAsync<JsonObject>();
        var login = await LoginAsync(app, email, Password);
        return new TestTenant(
            body!["tenant"]!["id"]!.GetValue<string>(), body["user"]!["id"]!.GetValue<string>(), email, Password,
            login["token"]!.GetValue<string>(), login["csrfToken"]!.GetValue<string>(),
            body["widgetKey"]!["id"]!.GetValue<string>(), body["widgetKey"]!["key"]!.GetValue<string>());
    }

    public static async Task<JsonObject> LoginAsync(this BobWebApp app, string email, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A client that sends the bearer token.</summary>
    public static HttpClient Bearer(this BobWebApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns it.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem["code"]?.GetValue<string>());
        Assert.Equal(status, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()));
        return problem;
    }

    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
