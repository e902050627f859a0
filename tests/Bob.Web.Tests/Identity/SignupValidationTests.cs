using System.Net.Http.Json;

namespace Bob.Web.Tests.Identity;

/// <summary>Signup and login input rules, duplicate accounts, uniform credential failures and login throttling.</summary>
public sealed class SignupValidationTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static string NewEmail() => $"{Guid.NewGuid():N}@example.com";

    private Task<HttpResponseMessage> SignupAsync(object body) => app.CreateClient().PostAsJsonAsync("/api/auth/signup", body);

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task Signup_with_every_field_missing_reports_each_field()
    {
        var response = await app.CreateClient().PostAsync("/api/auth/signup", ApiClient.RawJson("{}"));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        var errors = problem["errors"]!.AsObject();
        Assert.NotNull(errors["businessName"]);
        Assert.NotNull(errors["email"]);
        Assert.NotNull(errors["password"]);
        Assert.Null(errors["website"]);
    }

    [Fact]
    public async Task Signup_with_missing_fields_stores_nothing()
    {
        var email = NewEmail();

        var response = await SignupAsync(new { email, password = ApiClient.Password });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(["businessName"], problem["errors"]!.AsObject().Select(e => e.Key));
        await (await LoginAsync(email, ApiClient.Password)).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Login_with_missing_fields_reports_each_field()
    {
        var response = await app.CreateClient().PostAsync("/api/auth/login", ApiClient.RawJson("{}"));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.NotNull(problem["errors"]!["password"]);
    }

    [Fact]
    public async Task Accept_invitation_with_missing_fields_reports_each_field()
    {
        var response = await app.CreateClient().PostAsync("/api/auth/accept-invitation", ApiClient.RawJson("{}"));

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["token"]);
        Assert.NotNull(problem["errors"]!["password"]);
    }

    [Fact]
    public async Task Signup_with_a_password_shorter_than_ten_characters_is_refused_and_stores_nothing()
    {
        var email = NewEmail();

        var response = await SignupAsync(new { businessName = "Short Pw", email, password = "123456789" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["password"]);
        await (await LoginAsync(email, "123456789")).AssertProblemAsync(401, "invalid_credentials");
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@")]
    [InlineData("@example.com")]
    public async Task Signup_with_a_bad_email_is_refused(string email)
    {
        var response = await SignupAsync(new { businessName = "Bad Email", email, password = ApiClient.Password });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("not a url")]
    [InlineData("javascript:alert(1)")]
    public async Task Signup_with_a_bad_website_is_refused_and_stores_nothing(string website)
    {
        var email = NewEmail();

        var response = await SignupAsync(new { businessName = "Bad Site", email, password = ApiClient.Password, website });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["website"]);
        await (await LoginAsync(email, ApiClient.Password)).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Signup_with_an_email_taken_in_another_case_is_a_conflict()
    {
        var tenant = await app.SignupAsync();

        var response = await SignupAsync(new { businessName = "Copycat", email = tenant.OwnerEmail.ToUpperInvariant(), password = "another-password-1" });

        await response.AssertProblemAsync(409, "email_taken");
        await (await LoginAsync(tenant.OwnerEmail, "another-password-1")).AssertProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_problem()
    {
        var tenant = await app.SignupAsync();

        var wrong = await (await LoginAsync(tenant.OwnerEmail, "not-the-password")).AssertProblemAsync(401, "invalid_credentials");
        var unknown = await (await LoginAsync(NewEmail(), "not-the-password")).AssertProblemAsync(401, "invalid_credentials");

        Assert.NotEqual(wrong["requestId"]!.GetValue<string>(), unknown["requestId"]!.GetValue<string>());
        wrong.Remove("requestId");
        unknown.Remove("requestId");
        Assert.Equal(wrong.ToJsonString(), unknown.ToJsonString());
    }

    [Fact]
    public async Task Login_with_an_overlong_email_is_plain_invalid_credentials()
    {
        var response = await LoginAsync(new string('a', 20_000) + "@example.com", "whatever-password");

        await response.AssertProblemAsync(401, "invalid_credentials");
        await response.AssertNoInternalsAsync();
    }

    [Fact]
    public async Task Signup_with_an_overlong_email_is_a_validation_failure()
    {
        var response = await SignupAsync(new { businessName = "Long Mail", email = new string('a', 300) + "@example.com", password = ApiClient.Password });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
    }

    [Fact]
    public async Task Accepting_an_overlong_invitation_token_is_an_invalid_invitation()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/accept-invitation", new { token = new string('t', 20_000), password = ApiClient.Password });

        await response.AssertProblemAsync(400, "invalid_invitation");
    }

    [Theory]
    [InlineData("日本語 !!!", "tenant-1")]
    [InlineData("Platform", "platform-1")]
    public async Task Business_name_without_a_usable_slug_still_gets_a_safe_tenant_id(string businessName, string expectedPrefix)
    {
        var response = await SignupAsync(new { businessName, email = NewEmail(), password = ApiClient.Password });

        Assert.Equal(201, (int)response.StatusCode);
        var tenantId = (await response.JsonAsync())["tenant"]!["id"]!.GetValue<string>();
        Assert.StartsWith(expectedPrefix, tenantId, StringComparison.Ordinal);
        Assert.NotEqual("platform", tenantId);
    }

    [Fact]
    public async Task Five_wrong_passwords_then_the_right_one_is_throttled()
    {
        var tenant = await app.SignupAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await LoginAsync(tenant.OwnerEmail, "not-the-password")).AssertProblemAsync(401, "invalid_credentials");
        }

        var response = await LoginAsync(tenant.OwnerEmail, tenant.Password);

        await response.AssertProblemAsync(429, "login_throttled");
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.True(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
