using System.Net;
using System.Net.Http.Json;

namespace Bob.Web.Tests.Chat;

/// <summary>Edges between the paths: ids shared by visitors and agents, text that is awkward to cut, feeds and tenants.</summary>
public sealed class ChatEdgeCaseTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Visitor_reusing_an_agents_client_message_id_gets_a_normal_answer()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var sessionId = ChatApi.NewSession();
        var token = (await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello"))["visitor_token"]!.GetValue<string>();
        await (await owner.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "Hi, Dana here.", client_message_id = "same-id" })).OkJsonAsync(HttpStatusCode.Created);
        await (await owner.PostAsync($"/api/chat/sessions/{sessionId}/release", null)).OkJsonAsync();

        var response = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, visitor_token = token, message = "thanks Dana", client_message_id = "same-id" });

        ChatApi.AssertReplyShape(await response.OkJsonAsync());
        Assert.Equal(["visitor", "assistant", "system", "agent", "system", "visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Agent_reusing_a_visitors_client_message_id_posts_its_own_message()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var sessionId = ChatApi.NewSession();
        await (await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "hello", client_message_id = "same-id" })).OkJsonAsync();

        var sent = await (await owner.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "Hi, Dana here.", client_message_id = "same-id" })).OkJsonAsync(HttpStatusCode.Created);

        Assert.Equal("agent", sent["role"]!.GetValue<string>());
        Assert.Equal("Hi, Dana here.", sent["text"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant", "system", "agent"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task A_long_message_with_an_emoji_at_the_preview_boundary_is_stored_and_listed()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        var message = new string('a', 139) + "\U0001F600 and some more text after the emoji";

        var reply = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message });

        // The preview is derived from the last message (the assistant's); make a visitor message last via a takeover.
        var first = await reply.OkJsonAsync();
        ChatApi.AssertReplyShape(first);
        await (await app.Bearer(tenant.Token).PostAsync($"/api/chat/sessions/{sessionId}/takeover", null)).OkJsonAsync();
        var silent = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat",
            new { session_id = sessionId, visitor_token = first["visitor_token"]!.GetValue<string>(), message });
        await silent.OkJsonAsync();
        Assert.Equal(message, (await app.TurnsAsync(tenant, sessionId))[^1].Text);
        var item = (await app.SessionsAsync(tenant))["items"]!.AsArray().Single();
        Assert.DoesNotContain('\uFFFD', item!["last_preview"]!.GetValue<string>());
    }

    [Fact]
    public async Task Agent_reply_validation_and_unknown_sessions()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, sessionId, "hello");

        var empty = await owner.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "  " });
        var tooLong = await owner.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = new string('x', 4001) });
        var unknown = await owner.PostJsonAsync($"/api/chat/sessions/{ChatApi.NewSession()}/reply", new { message = "hello?" });

        Assert.NotNull((await empty.AssertProblemAsync(400, "validation_failed"))["errors"]?["message"]);
        Assert.NotNull((await tooLong.AssertProblemAsync(400, "validation_failed"))["errors"]?["message"]);
        await unknown.AssertProblemAsync(404, "not_found");
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Another_tenant_cannot_take_over_reply_to_or_release_a_session()
    {
        var a = await app.SignupAsync();
        var b = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        await app.WidgetChatAsync(a.WidgetKey, sessionId, "hello from tenant A's visitor");
        var intruder = app.Bearer(b.Token);

        await (await intruder.PostAsync($"/api/chat/sessions/{sessionId}/takeover", null)).AssertProblemAsync(404, "not_found");
        await (await intruder.PostJsonAsync($"/api/chat/sessions/{sessionId}/reply", new { message = "I am not from A" })).AssertProblemAsync(404, "not_found");
        await (await intruder.PostAsync($"/api/chat/sessions/{sessionId}/release", null)).AssertProblemAsync(404, "not_found");

        var transcript = await app.TranscriptAsync(a, sessionId);
        Assert.Equal("assistant", transcript!["status"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant"], transcript["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Live_feed_carries_only_its_own_tenants_messages()
    {
        var a = await app.SignupAsync();
        var b = await app.SignupAsync();
        var aSession = ChatApi.NewSession();
        var bSession = ChatApi.NewSession();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await app.Bearer(a.Token).OpenStreamAsync("/api/chat/events", cts.Token);
        await using var events = stream.ReadEventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        await events.NextMatchingAsync(e => e.Event == "ready");

        await app.WidgetChatAsync(b.WidgetKey, bSession, "tenant B's private question");
        await app.WidgetChatAsync(a.WidgetKey, aSession, "tenant A's question");

        var first = await events.NextMatchingAsync(e => e.Event == "message");
        Assert.Equal(aSession, first.Json["session_id"]!.GetValue<string>());
        Assert.Equal("tenant A's question", first.Json["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Session_search_treats_like_wildcards_literally()
    {
        var tenant = await app.SignupAsync();
        var percent = ChatApi.NewSession();
        var plain = ChatApi.NewSession();
        await app.WidgetChatAsync(tenant.WidgetKey, percent, "is there a 100% refund?");
        await app.WidgetChatAsync(tenant.WidgetKey, plain, "what about shipping_costs");

        Assert.Equal([percent], ChatApi.SessionIds(await app.SessionsAsync(tenant, "?q=%25")));
        Assert.Equal([plain], ChatApi.SessionIds(await app.SessionsAsync(tenant, "?q=g_c")));
    }

    [Fact]
    public async Task Public_chat_marked_cross_site_by_the_browser_is_refused()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "cross-site");

        var response = await client.PostJsonAsync("/api/chat", new { message = "hello" });

        await response.AssertProblemAsync(403, "origin_not_allowed");
        Assert.False(ChatApi.HasCorsHeaders(response));
    }

    [Fact]
    public async Task Preflight_for_a_revoked_keys_only_origin_is_refused()
    {
        var tenant = await app.SignupAsync();
        var origin = $"https://{Guid.NewGuid():N}.revoked.example.org";
        var created = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/widget-keys", new { name = "temp", allowedOrigins = new[] { origin } })).OkJsonAsync(HttpStatusCode.Created);

        async Task<HttpStatusCode> PreflightAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/api/widget/chat");
            request.Headers.Add("Origin", origin);
            return (await app.CreateClient().SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.NoContent, await PreflightAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await app.Bearer(tenant.Token).DeleteAsync($"/api/widget-keys/{created["id"]!.GetValue<string>()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await PreflightAsync());
    }

    [Fact]
    public async Task Every_chat_response_carries_a_request_id_and_echoes_a_good_one()
    {
        var tenant = await app.SignupAsync();
        var client = app.Widget(tenant.WidgetKey);
        client.DefaultRequestHeaders.Add("X-Request-Id", "req-abc-123");

        var ok = await client.PostJsonAsync("/api/widget/chat", new { message = "hello" });
        var refused = await app.Widget(null).PostJsonAsync("/api/widget/chat", new { message = "hello" });

        Assert.Equal("req-abc-123", ChatApi.Header(ok, "X-Request-Id"));
        Assert.False(string.IsNullOrEmpty(ChatApi.Header(refused, "X-Request-Id")));
    }
}
