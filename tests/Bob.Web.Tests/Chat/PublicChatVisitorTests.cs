using System.Net;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Tests.Chat;

/// <summary>The public chat (path 1) as Bob's own widget uses it: which business an id names, the widget's
/// configuration, and a reloaded page's history, guarded by the visitor token and answered to this site's own pages only.</summary>
public sealed class PublicChatVisitorTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task The_seeds_platform_business_id_is_the_platform_tenant()
    {
        var sessionId = ChatApi.NewSession();
        var reply = await (await app.CreateClient().PostJsonAsync("/api/chat",
            new { session_id = sessionId, message = "What is Bob?", business_id = "office16852-platform" })).OkJsonAsync();
        var token = reply["visitor_token"]!.GetValue<string>();

        // The conversation is the platform's: its history is read with no business_id at all.
        var history = await (await app.CreateClient().GetAsync($"/api/chat/sessions/{sessionId}/messages?visitor_token={token}")).OkJsonAsync();
        Assert.Equal(["visitor", "assistant"], history["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("What is Bob?", history["messages"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_business_is_404_and_a_known_one_without_public_chat_stays_403()
    {
        var tenant = await app.SignupAsync();
        var unknown = await app.CreateClient().PostJsonAsync("/api/chat", new { message = "hello there", business_id = $"nobody-{Guid.NewGuid():N}" });
        var disabled = await app.CreateClient().PostJsonAsync("/api/chat", new { message = "hello there", business_id = tenant.TenantId });

        await unknown.AssertProblemAsync(404, "unknown_business");
        await disabled.AssertProblemAsync(403, "public_chat_disabled");
        Assert.Empty(ChatApi.SessionIds(await app.SessionsAsync(tenant)));
    }

    [Fact]
    public async Task History_needs_the_visitor_token_the_first_turn_returned()
    {
        var client = app.CreateClient();
        var first = await (await client.PostJsonAsync("/api/chat", new { message = "How do I embed the widget?" })).OkJsonAsync();
        var sessionId = first["session_id"]!.GetValue<string>();
        var token = first["visitor_token"]!.GetValue<string>();

        var noToken = await client.GetAsync($"/api/chat/sessions/{sessionId}/messages");
        var wrongToken = await client.GetAsync($"/api/chat/sessions/{sessionId}/messages?visitor_token={Ids.RandomToken(16)}");
        var malformed = await client.GetAsync($"/api/chat/sessions/{sessionId}/messages?visitor_token=%3Cscript%3E");
        var unknown = await client.GetAsync($"/api/chat/sessions/{ChatApi.NewSession()}/messages?visitor_token={token}");
        var badBusiness = await client.GetAsync($"/api/chat/sessions/{sessionId}/messages?visitor_token={token}&business_id=bad%20id");
        var history = await (await client.GetAsync($"/api/chat/sessions/{sessionId}/messages?visitor_token={token}")).OkJsonAsync();

        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        await noToken.AssertProblemAsync(401, "visitor_token_required");
        await wrongToken.AssertProblemAsync(401, "invalid_visitor_token");
        await malformed.AssertProblemAsync(401, "invalid_visitor_token");
        await unknown.AssertProblemAsync(404, "not_found");
        await badBusiness.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(sessionId, history["session_id"]!.GetValue<string>());
        Assert.Equal("assistant", history["status"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant"], history["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_server_minted_public_conversation_is_continued_only_with_its_token()
    {
        var client = app.CreateClient();
        var first = await (await client.PostJsonAsync("/api/chat", new { message = "hello" })).OkJsonAsync();
        var sessionId = first["session_id"]!.GetValue<string>();

        var withoutToken = await client.PostJsonAsync("/api/chat", new { session_id = sessionId, message = "I know only the id" });
        var owned = await client.PostJsonAsync("/api/chat", new { session_id = sessionId, visitor_token = first["visitor_token"]!.GetValue<string>(), message = "it is me" });

        await withoutToken.AssertProblemAsync(401, "visitor_token_required");
        ChatApi.AssertReplyShape(await owned.OkJsonAsync());
    }

    [Fact]
    public async Task Another_site_gets_neither_the_history_nor_the_config_and_no_cors_headers()
    {
        var first = await (await app.CreateClient().PostJsonAsync("/api/chat", new { message = "hello" })).OkJsonAsync();
        var path = $"/api/chat/sessions/{first["session_id"]}/messages?visitor_token={first["visitor_token"]}";
        var crossSite = app.CreateClient();
        crossSite.DefaultRequestHeaders.Add("Sec-Fetch-Site", "cross-site");
        var foreignOrigin = app.Widget(key: null, origin: "https://evil.example.net");

        foreach (var response in new[] { await crossSite.GetAsync(path), await foreignOrigin.GetAsync(path), await crossSite.GetAsync("/api/chat/config") })
        {
            await response.AssertProblemAsync(403, "origin_not_allowed");
            Assert.False(ChatApi.HasCorsHeaders(response));
        }
    }

    [Fact]
    public async Task A_widget_conversation_is_not_readable_on_the_public_path()
    {
        // Conversations belong to the path that opened them: an id and its token read nothing on the other path.
        var tenant = await app.SignupAsync();
        var widgetTurn = await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello from a widget");
        var publicTurn = await (await app.CreateClient().PostJsonAsync("/api/chat", new { message = "hello" })).OkJsonAsync();

        var widgetOnPublic = await app.CreateClient().GetAsync(
            $"/api/chat/sessions/{widgetTurn["session_id"]}/messages?visitor_token={widgetTurn["visitor_token"]}&business_id={tenant.TenantId}");
        var publicOnWidget = await app.Widget(tenant.WidgetKey).GetAsync($"/api/widget/sessions/{publicTurn["session_id"]}/messages?visitor_token={publicTurn["visitor_token"]}");

        await widgetOnPublic.AssertProblemAsync(404, "not_found");
        await publicOnWidget.AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task The_config_describes_the_platforms_assistant_for_the_widget()
    {
        var response = await app.CreateClient().GetAsync("/api/chat/config");
        var config = await response.OkJsonAsync();

        Assert.Equal("public", config["key_id"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(config["persona_name"]!.GetValue<string>()));
        Assert.StartsWith("Hi! I'm ", config["greeting"]!.GetValue<string>());
        Assert.Matches("^#[0-9a-f]{6}$", config["colors"]!["primary"]!.GetValue<string>());
        Assert.False(ChatApi.HasCorsHeaders(response));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
