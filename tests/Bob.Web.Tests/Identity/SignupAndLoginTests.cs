using System.Net.Http.Json;

namespace Bob.Web.Tests.Identity;

public sealed class SignupAndLoginTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Signup_answers_201_with_tenant_user_and_widget_key()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/signup", new
        {
            businessName = "Café Ünïcode & Co",
            email = $"{Guid.NewGuid():N}@example.com",
            password = ApiClient.Password,
            website = "https://cafe.example.com/menu",
        });

        Assert.Equal(201, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.StartsWith("cafe-unicode-co", body["tenant"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("starter", body["tenant"]!["plan"]!.GetValue<string>());
        Assert.Equal("owner", body["user"]!["role"]!.GetValue<string>());
        Assert.Matches("^pk_live_[0-9a-f]{32}$", body["widgetKey"]!["key"]!.GetValue<string>());
        Assert.Equal("https://cafe.example.com", body["widgetKey"]!["allowedOrigins"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_returns_token_csrf_and_an_httponly_lax_cookie()
    {
        var tenant = await app.SignupAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = tenant.Password });

        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(body["token"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body["csrfToken"]!.GetValue<string>()));
        Assert.Equal(tenant.TenantId, body["user"]!["tenantId"]!.GetValue<string>());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("bob_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
