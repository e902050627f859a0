using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Bob.Web.Tests.Chat;

/// <summary>The seed's three chat paths, the public route's same-origin rules, and tenant isolation of sessions.</summary>
public sealed class ChatPathsTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Seed_public_fetch_to_api_chat_returns_the_reply_shape()
    {
        var sessionId = ChatApi.NewSession();
        // fetch('/api/chat', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({session_id, message, business_id}) })
        var response = await app.CreateClient().PostAsync("/api/chat",
            ApiClient.RawJson($$"""{"session_id":"{{sessionId}}","message":"Hello, I need help with my order","business_id":"platform"}"""));

        var reply = await response.OkJsonAsync();
        ChatApi.AssertReplyShape(reply);
        Assert.Equal(sessionId, reply["session_id"]!.GetValue<string>());
        Assert.False(ChatApi.HasCorsHeaders(response));
    }

    [Fact]
    public async Task Seed_widget_fetch_with_key_and_origin_returns_the_reply_shape()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/widget/chat")
        {
            Content = ApiClient.RawJson($$"""{"session_id":"{{sessionId}}","message":"Hello, I need help with my order"}"""),
        };
        request.Headers.Add("X-Widget-Key", tenant.WidgetKey);
        request.Headers.Add("Origin", "https://shop.example.com");

        var response = await client.SendAsync(request);

        var reply = await response.OkJsonAsync();
        ChatApi.AssertReplyShape(reply);
        Assert.Equal(sessionId, reply["session_id"]!.GetValue<string>());
        Assert.Equal("https://shop.example.com", ChatApi.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Seed_mission_control_fetch_with_bearer_returns_the_reply_shape()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token);

        var response = await client.PostAsync("/api/chat/message",
            ApiClient.RawJson($$"""{"session_id":"{{sessionId}}","message":"Hello, I need help with my order"}"""));

        var reply = await response.OkJsonAsync();
        ChatApi.AssertReplyShape(reply);
        Assert.Equal(sessionId, reply["session_id"]!.GetValue<string>());
        Assert.Equal("Bob", reply["persona"]!["name"]!.GetValue<string>());
        Assert.Equal(1, reply["credits"]!["used"]!.GetValue<int>());
        Assert.Equal(14999, reply["credits"]!["remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task Public_chat_from_a_foreign_origin_is_refused_without_cors_headers()
    {
        var sessionId = ChatApi.NewSession();
        var response = await app.Widget(key: null, origin: "https://evil.example.net")
            .PostJsonAsync("/api/chat", new { session_id = sessionId, message = "hello there", business_id = "platform" });

        await response.AssertProblemAsync(403, "origin_not_allowed");
        Assert.False(ChatApi.HasCorsHeaders(response));
    }

    [Fact]
    public async Task Public_chat_from_the_servers_own_origin_is_answered_without_cors_headers()
    {
        var response = await app.Widget(key: null, origin: "http://localhost")
            .PostJsonAsync("/api/chat", new { session_id = ChatApi.NewSession(), message = "hello there" });

        ChatApi.AssertReplyShape(await response.OkJsonAsync());
        Assert.False(ChatApi.HasCorsHeaders(response));
    }

    [Fact]
    public async Task Public_chat_for_a_tenant_without_public_chat_is_refused_until_enabled()
    {
        var tenant = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        var refused = await app.CreateClient().PostJsonAsync("/api/chat", new { session_id = sessionId, message = "hello there", business_id = tenant.TenantId });
        await refused.AssertProblemAsync(403, "public_chat_disabled");
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));

        var enable = await app.Bearer(tenant.Token).PatchAsJsonAsync("/api/tenant/settings", new { publicChat = true });
        Assert.True(enable.IsSuccessStatusCode, await enable.Content.ReadAsStringAsync());
        var answered = await app.CreateClient().PostJsonAsync("/api/chat", new { session_id = sessionId, message = "hello there", business_id = tenant.TenantId });
        ChatApi.AssertReplyShape(await answered.OkJsonAsync());
        Assert.False(ChatApi.HasCorsHeaders(answered));
        Assert.Equal(["visitor", "assistant"], (await app.TurnsAsync(tenant, sessionId)).Select(t => t.Role));
    }

    [Fact]
    public async Task Public_chat_for_an_unknown_business_is_404_unknown_business()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/chat", new { message = "hello there", business_id = $"nobody-{Guid.NewGuid():N}" });

        await response.AssertProblemAsync(404, "unknown_business");
    }

    [Fact]
    public async Task Public_chat_with_a_malformed_business_id_is_a_validation_error()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/chat", new { message = "hello there", business_id = "bad id!" });

        var problem = await response.AssertProblemAsync(400, "validation_failed");
        Assert.NotNull(problem["errors"]?["business_id"]);
    }

    [Fact]
    public async Task Another_tenants_session_is_not_found()
    {
        var a = await app.SignupAsync();
        var b = await app.SignupAsync();
        var bSession = ChatApi.NewSession();
        await app.WidgetChatAsync(b.WidgetKey, bSession, "Only tenant B should ever see this");

        var response = await app.Bearer(a.Token).GetAsync($"/api/chat/sessions/{bSession}");

        await response.AssertProblemAsync(404, "not_found");
        Assert.DoesNotContain(bSession, ChatApi.SessionIds(await app.SessionsAsync(a)));
        Assert.NotNull(await app.TranscriptAsync(b, bSession));
    }

    [Fact]
    public async Task The_same_session_id_under_two_tenants_is_two_conversations()
    {
        var a = await app.SignupAsync();
        var b = await app.SignupAsync();
        var shared = ChatApi.NewSession();

        await app.WidgetChatAsync(a.WidgetKey, shared, "Tenant A asks about apples");
        await app.WidgetChatAsync(b.WidgetKey, shared, "Tenant B asks about bananas");

        var aTurns = await app.TurnsAsync(a, shared);
        var bTurns = await app.TurnsAsync(b, shared);
        Assert.Equal(2, aTurns.Count);
        Assert.Equal(2, bTurns.Count);
        Assert.Equal("Tenant A asks about apples", aTurns[0].Text);
        Assert.Equal("Tenant B asks about bananas", bTurns[0].Text);
        Assert.DoesNotContain(aTurns, t => t.Text.Contains("bananas", StringComparison.Ordinal));
        Assert.DoesNotContain(bTurns, t => t.Text.Contains("apples", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_call_to_mission_control_chat_is_unauthenticated()
    {
        var response = await app.CreateClient().PostJsonAsync("/api/chat/message", new { session_id = ChatApi.NewSession(), message = "hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
