using System.Net.Http.Json;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Operations;

/// <summary>What the logs of a real session contain: one access line per request with its ids, and no secrets or visitors' words.</summary>
[Collection(ObservedNode.Name)]
public sealed class LogContentTests(ObservedBobWebApp app)
{
    [Fact]
    public async Task A_session_of_real_calls_logs_one_line_per_request_with_its_ids_and_no_secret_or_message_text()
    {
        var tenant = await app.SignupAsync();
        const string visitorWords = "my card number is 4111-zebra-walrus-9931";
        const string wrongPassword = "not-the-password-octopus-77";
        var session = $"logs-{Guid.NewGuid():N}";
        await app.WidgetChatAsync(tenant.WidgetKey, session, visitorWords);
        var consoleTurn = await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/message", new { message = visitorWords + " (console)" });
        Assert.True(consoleTurn.IsSuccessStatusCode, await consoleTurn.Content.ReadAsStringAsync());
        var wrongLogin = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = tenant.OwnerEmail, password = wrongPassword });
        await wrongLogin.AssertProblemAsync(401, "invalid_credentials");
        var badToken = await app.Bearer(tenant.Token + "x").GetAsync("/api/team");
        await badToken.AssertProblemAsync(401, "invalid_token");

        var logs = app.Logs.Logs.ToList();
        var secrets = new[] { tenant.Password, wrongPassword, tenant.Token, tenant.CsrfToken, tenant.WidgetKey, BobWebApp.AdminPassword, visitorWords };
        foreach (var log in logs)
        {
            foreach (var secret in secrets)
            {
                Assert.False(log.AllText.Contains(secret, StringComparison.Ordinal), $"a {log.Category} log line contains a secret or the visitor's words: {log.Message}");
            }
        }

        var access = logs.Where(l => l.Category == "Bob.Web.Access").ToList();
        Assert.NotEmpty(access);
        Assert.All(access, line =>
        {
            Assert.False(string.IsNullOrEmpty(line.Values.GetValueOrDefault("RequestId")), $"no request id on: {line.Message}");
            Assert.Matches("^[0-9a-f]{32}$", line.Values.GetValueOrDefault("TraceId") ?? "");
            Assert.DoesNotContain('\n', line.Message);
        });
        var chatLines = access.Where(l => l.Values.GetValueOrDefault("Path") == "/api/widget/chat" && l.Values.GetValueOrDefault("StatusCode") == "200").ToList();
        Assert.NotEmpty(chatLines);
        Assert.All(chatLines.GroupBy(l => l.Values["RequestId"]), g => Assert.Single(g));
    }
}
