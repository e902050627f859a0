using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bob.Testing;

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
        var requestId = problem["requestId"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        return problem;
    }

    /// <summary>A client that sends the session cookie by hand (and keeps no cookie jar), optionally with a CSRF header.</summary>
    public static HttpClient Cookie(this WebApplicationFactory<Program> app, string token, string? csrf = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"bob_session={token}");
        if (csrf is not null)
        {
            client.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        }
        return client;
    }

    /// <summary>Invites <paramref name="role"/> as the tenant's owner and accepts the invitation; returns the new member's login body.</summary>
    public static async Task<JsonObject> AddMemberAsync(this BobWebApp app, TestTenant tenant, string role, string? email = null)
    {
        var invite = await app.Bearer(tenant.Token).PostAsJsonAsync("/api/team/invitations", new { email = email ?? $"{role}-{Guid.NewGuid():N}@example.com", role });
        Assert.Equal(201, (int)invite.StatusCode);
        var inviteToken = (await invite.JsonAsync())["inviteToken"]!.GetValue<string>();
        var accept = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = inviteToken, password = Password });
        Assert.Equal(200, (int)accept.StatusCode);
        return await accept.JsonAsync();
    }

    /// <summary>The team of the tenant whose owner's token is given.</summary>
    public static async Task<JsonObject> TeamAsync(this BobWebApp app, string ownerToken)
    {
        var response = await app.Bearer(ownerToken).GetAsync("/api/team");
        Assert.Equal(200, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Asserts a body never leaks internals (exception names, stack frames, driver or runtime names).</summary>
    public static async Task AssertNoInternalsAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        foreach (var leak in new[] { "Exception", "   at ", "Npgsql", "Orleans" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }

    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
