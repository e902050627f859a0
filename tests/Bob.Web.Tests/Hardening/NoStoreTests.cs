using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Webhooks;

namespace Bob.Web.Tests.Hardening;

/// <summary>
/// Every answer that carries a transcript, a token, a key or a secret says <c>Cache-Control: no-store</c>, so no browser
/// cache, shared proxy or CDN keeps it; the routes that chose their own caching (static files, the pricebook) keep theirs.
/// </summary>
public sealed class NoStoreTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task Answers_with_tokens_secrets_and_transcripts_are_not_stored()
    {
        var answers = new List<(string Route, HttpResponseMessage Response)>();
        var anonymous = app.CreateClient();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var signup = await anonymous.PostAsJsonAsync("/api/auth/signup", new { businessName = "No Store Shop", email, password = ApiClient.Password, website = ChatApi.ShopOrigin });
        answers.Add(("signup", signup));
        var widgetKey = (await signup.JsonAsync())["widgetKey"]!["key"]!.GetValue<string>();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClient.Password });
        answers.Add(("login", login));
        var owner = app.Bearer((await login.JsonAsync())["token"]!.GetValue<string>());
        answers.Add(("me", await owner.GetAsync("/api/auth/me")));

        var invite = await owner.PostAsJsonAsync("/api/team/invitations", new { email = $"agent-{Guid.NewGuid():N}@example.com", role = "agent" });
        answers.Add(("invite", invite));
        var accept = await anonymous.PostAsJsonAsync("/api/auth/accept-invitation", new { token = (await invite.JsonAsync())["inviteToken"]!.GetValue<string>(), password = ApiClient.Password });
        answers.Add(("accept-invitation", accept));
        var agent = app.Bearer((await accept.JsonAsync())["token"]!.GetValue<string>());
        answers.Add(("change-password", await agent.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = ApiClient.Password, newPassword = "another horse battery" })));

        var key = await owner.PostAsJsonAsync("/api/widget-keys", new { name = "Docs", allowedOrigins = new[] { ChatApi.ShopOrigin } });
        answers.Add(("widget key create", key));
        answers.Add(("widget key rotate", await owner.PostAsync($"/api/widget-keys/{(await key.JsonAsync())["id"]!.GetValue<string>()}/rotate", null)));
        var webhook = await owner.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "message.created" } });
        answers.Add(("webhook create", webhook));
        answers.Add(("webhook rotate-secret", await owner.PostAsync($"/api/webhooks/{(await webhook.JsonAsync())["id"]!.GetValue<string>()}/rotate-secret", null)));

        var consoleTurn = await owner.PostJsonAsync("/api/chat/message", new { message = "hello from the console" });
        answers.Add(("console chat reply", consoleTurn));
        var sessionId = (await consoleTurn.JsonAsync())["session_id"]!.GetValue<string>();
        answers.Add(("conversation list", await owner.GetAsync("/api/chat/sessions")));
        answers.Add(("transcript", await owner.GetAsync($"/api/chat/sessions/{sessionId}")));
        answers.Add(("public chat reply", await anonymous.PostJsonAsync("/api/chat", new { message = "hello from the public page" })));
        var widget = app.Widget(widgetKey);
        var widgetTurn = await widget.PostJsonAsync("/api/widget/chat", new { message = "hello from the widget" });
        answers.Add(("widget chat reply", widgetTurn));
        var visitor = await widgetTurn.JsonAsync();
        answers.Add(("widget messages", await widget.GetAsync(
            $"/api/widget/sessions/{visitor["session_id"]!.GetValue<string>()}/messages?visitor_token={visitor["visitor_token"]!.GetValue<string>()}")));
        answers.Add(("problem", await anonymous.GetAsync("/api/auth/me")));

        var cookieLogin = await app.LoginAsync(email, ApiClient.Password);
        answers.Add(("mission control transcript page", await app.Cookie(cookieLogin["token"]!.GetValue<string>()).GetAsync($"/mission-control/{sessionId}")));

        Assert.All(answers, answer =>
        {
            Assert.True(answer.Response.StatusCode is >= System.Net.HttpStatusCode.OK and < System.Net.HttpStatusCode.BadRequest || answer.Route == "problem",
                $"{answer.Route} answered {(int)answer.Response.StatusCode}");
            Assert.True(answer.Response.Headers.CacheControl?.NoStore == true, $"{answer.Route} lacks Cache-Control: no-store");
        });
    }

    [Fact]
    public async Task Static_files_keep_their_own_caching()
    {
        var loader = await app.CreateClient().GetAsync("/widget/loader.js");

        Assert.Equal(200, (int)loader.StatusCode);
        Assert.False(loader.Headers.CacheControl?.NoStore);
        Assert.Equal(TimeSpan.FromMinutes(5), loader.Headers.CacheControl?.MaxAge);
    }
}
