using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Tests.Chat;
using Npgsql;

namespace Bob.Web.Tests.Widget;

/// <summary>Visitor sessions (API.md): the first turn of a widget or public conversation issues a visitor token, whoever
/// chose the id; every later turn, read and stream needs it; the public key and a session id are never enough.</summary>
public sealed class VisitorSessionTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static async Task<(string SessionId, string Token)> StartMintedAsync(HttpClient widget, string message = "hello")
    {
        var reply = await (await widget.PostJsonAsync("/api/widget/chat", new { message })).OkJsonAsync();
        return (reply["session_id"]!.GetValue<string>(), reply["visitor_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task First_widget_turn_returns_a_128_bit_visitor_token_and_later_turns_do_not_repeat_it()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);

        var (sessionId, token) = await StartMintedAsync(widget);
        var chosen = await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello with my own id");
        var later = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = token, message = "and again" })).OkJsonAsync();

        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", chosen["visitor_token"]!.GetValue<string>());
        Assert.NotEqual(token, chosen["visitor_token"]!.GetValue<string>());
        Assert.False(later.ContainsKey("visitor_token"));
    }

    [Fact]
    public async Task Public_turns_carry_a_visitor_token_and_console_turns_none()
    {
        var tenant = await app.SignupAsync();

        var console = await (await app.Bearer(tenant.Token).PostJsonAsync("/api/chat/message", new { message = "hello from the console" })).OkJsonAsync();
        var publicChat = await (await app.CreateClient().PostJsonAsync("/api/chat", new { message = "hello from the public page" })).OkJsonAsync();

        Assert.False(console.ContainsKey("visitor_token"));
        Assert.Matches("^[A-Za-z0-9_-]{22}$", publicChat["visitor_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_server_minted_session_is_continued_only_with_its_visitor_token_and_refusals_store_nothing()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var (sessionId, token) = await StartMintedAsync(widget);
        var (_, otherToken) = await StartMintedAsync(widget);

        var withoutToken = await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "I know only the id" });
        var withAnotherToken = await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = otherToken, message = "I bring another visitor's token" });
        var streamedWithoutToken = await StreamTurnAsync(widget, new { session_id = sessionId, message = "streaming without the token" });
        var malformed = await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = "not a token!", message = "hi" });

        await withoutToken.AssertProblemAsync(401, "visitor_token_required");
        await withAnotherToken.AssertProblemAsync(401, "invalid_visitor_token");
        await streamedWithoutToken.AssertProblemAsync(401, "visitor_token_required");
        await malformed.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));

        var owned = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = token, message = "it is me again" })).OkJsonAsync();
        Assert.Equal(sessionId, owned["session_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_chosen_session_works_as_a_first_turn_and_is_continued_only_with_its_token()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var sessionId = ChatApi.NewSession();
        var first = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "hello, seed style" })).OkJsonAsync();
        var token = first["visitor_token"]!.GetValue<string>();

        var withoutToken = await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "no token, as the seed's example once did" });
        var wrong = await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = Ids.RandomToken(16), message = "a wrong token" });
        var second = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = token, message = "with my token" })).OkJsonAsync();

        await withoutToken.AssertProblemAsync(401, "visitor_token_required");
        await wrong.AssertProblemAsync(401, "invalid_visitor_token");
        ChatApi.AssertReplyShape(second);
        Assert.Equal(4, (await app.TurnsAsync(tenant, sessionId)).Count);
    }

    [Fact]
    public async Task History_needs_the_visitor_token_and_shows_visitor_safe_fields_only()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var (sessionId, token) = await StartMintedAsync(widget, "Do you ship abroad?");
        await (await app.Bearer(tenant.Token).PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "Hi, Dana here.", client_message_id = "agent-1" }))
            .OkJsonAsync(HttpStatusCode.Created);

        var noToken = await widget.GetAsync($"/api/widget/sessions/{sessionId}/messages");
        var wrongToken = await widget.GetAsync($"/api/widget/sessions/{sessionId}/messages?visitor_token={Ids.RandomToken(16)}");
        var malformedToken = await widget.GetAsync($"/api/widget/sessions/{sessionId}/messages?visitor_token=%3Cscript%3E");
        var unknownSession = await widget.GetAsync($"/api/widget/sessions/{ChatApi.NewSession()}/messages?visitor_token={token}");
        var foreignOrigin = await app.Widget(tenant.WidgetKey, "https://evil.example.net").GetAsync($"/api/widget/sessions/{sessionId}/messages?visitor_token={token}");
        var history = await (await app.Widget(null).GetAsync($"/api/widget/sessions/{sessionId}/messages?key={tenant.WidgetKey}&visitor_token={token}")).OkJsonAsync();

        await noToken.AssertProblemAsync(401, "visitor_token_required");
        await wrongToken.AssertProblemAsync(401, "invalid_visitor_token");
        await malformedToken.AssertProblemAsync(401, "invalid_visitor_token");
        await unknownSession.AssertProblemAsync(404, "not_found");
        await foreignOrigin.AssertProblemAsync(403, "origin_not_allowed");
        // The key and origin passed, so the page may read why (the widget then starts afresh).
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(noToken, "Access-Control-Allow-Origin"));
        Assert.False(ChatApi.HasCorsHeaders(foreignOrigin));
        Assert.Equal(sessionId, history["session_id"]!.GetValue<string>());
        Assert.Equal("human", history["status"]!.GetValue<string>());
        var messages = history["messages"]!.AsArray();
        Assert.Equal(["visitor", "assistant", "system", "agent"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("Do you ship abroad?", messages[0]!["text"]!.GetValue<string>());
        Assert.Equal("Hi, Dana here.", messages[3]!["text"]!.GetValue<string>());
        foreach (var message in messages)
        {
            Assert.Equal(["message_id", "seq", "role", "text", "citations", "created_at"], message!.AsObject().Select(p => p.Key));
        }
    }

    [Fact]
    public async Task Following_another_visitors_session_with_the_key_and_its_id_alone_is_refused()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var (minted, mintedToken) = await StartMintedAsync(widget);
        var chosen = ChatApi.NewSession();
        var chosenToken = (await app.WidgetChatAsync(tenant.WidgetKey, chosen, "my own id"))["visitor_token"]!.GetValue<string>();

        foreach (var sessionId in new[] { minted, chosen })
        {
            var response = await widget.GetAsync($"/api/widget/sessions/{sessionId}/events?key={tenant.WidgetKey}");
            await response.AssertProblemAsync(401, "visitor_token_required");
        }
        var swapped = await widget.GetAsync($"/api/widget/sessions/{minted}/events?visitor_token={chosenToken}");
        await swapped.AssertProblemAsync(401, "invalid_visitor_token");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await widget.OpenStreamAsync($"/api/widget/sessions/{minted}/events?visitor_token={mintedToken}", cts.Token);
        await using var events = stream.ReadEventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal("ready", (await events.NextMatchingAsync(_ => true)).Event);
    }

    [Fact]
    public async Task Only_a_hash_of_the_visitor_token_is_stored()
    {
        var tenant = await app.SignupAsync();
        var (sessionId, token) = await StartMintedAsync(app.Widget(tenant.WidgetKey));

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT visitor_token_hash, server_minted FROM bob_conversations WHERE tenant_id = $1 AND session_id = $2", connection);
        command.Parameters.Add(new() { Value = tenant.TenantId });
        command.Parameters.Add(new() { Value = sessionId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), reader.GetString(0));
        Assert.True(reader.GetBoolean(1));
        await reader.DisposeAsync();

        await using var anywhere = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM bob_messages WHERE body LIKE '%' || $1 || '%') + (SELECT count(*) FROM bob_conversations WHERE visitor_token_hash = $1)", connection);
        anywhere.Parameters.Add(new() { Value = token });
        Assert.Equal(0L, await anywhere.ExecuteScalarAsync());
    }

    private static async Task<HttpResponseMessage> StreamTurnAsync(HttpClient widget, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat") { Content = ApiClient.RawJson(System.Text.Json.JsonSerializer.Serialize(body)) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await widget.SendAsync(request);
    }
}
