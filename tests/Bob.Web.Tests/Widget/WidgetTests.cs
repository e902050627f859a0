using System.Net;
using System.Net.Http.Json;
using Bob.Web.Http;
using Bob.Web.Tests.Chat;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Widget;

/// <summary>The cross-origin embed: widget keys, origin allow-lists, preflight and config.</summary>
public sealed class WidgetTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public void Widget_routes_are_authorized_by_the_widget_key_alone_so_no_user_is_looked_up_for_them()
    {
        var widgetRoutes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<WidgetKeyRequired>() is not null)
            .ToList();

        Assert.True(widgetRoutes.Count >= 5, $"only {widgetRoutes.Count} widget routes found");
        Assert.All(widgetRoutes, e => Assert.Null(e.Metadata.GetMetadata<IAuthorizeData>()));
    }

    private async Task AssertRefusedAndNothingStoredAsync(TestTenant tenant, HttpClient client, int status, string code)
    {
        var sessionId = ChatApi.NewSession();
        var response = await client.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "Is anyone there?" });
        await response.AssertProblemAsync(status, code);
        Assert.Null(ChatApi.Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
    }

    private async Task<(string Id, string Key)> CreateKeyAsync(TestTenant tenant, params string[] origins)
    {
        var created = await (await app.Bearer(tenant.Token).PostAsJsonAsync("/api/widget-keys", new { name = "extra", allowedOrigins = origins }))
            .OkJsonAsync(HttpStatusCode.Created);
        return (created["id"]!.GetValue<string>(), created["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Widget_chat_without_a_key_is_refused()
    {
        var tenant = await app.SignupAsync();
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(key: null), 401, "invalid_widget_key");
    }

    [Fact]
    public async Task Widget_chat_with_an_unknown_key_is_refused()
    {
        var tenant = await app.SignupAsync();
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget("pk_live_" + new string('0', 32)), 401, "invalid_widget_key");
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget("not-a-key"), 401, "invalid_widget_key");
    }

    [Fact]
    public async Task Widget_chat_with_a_revoked_key_is_refused_at_once()
    {
        var tenant = await app.SignupAsync();
        var (id, key) = await CreateKeyAsync(tenant, ChatApi.ShopOrigin);
        await app.WidgetChatAsync(key, ChatApi.NewSession(), "hello before revocation");

        var revoke = await app.Bearer(tenant.Token).DeleteAsync($"/api/widget-keys/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(key), 401, "invalid_widget_key");
        await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "the other key still works");
    }

    [Fact]
    public async Task Rotated_out_key_is_refused_at_once_and_the_new_key_works()
    {
        var tenant = await app.SignupAsync();
        await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "hello before rotation");

        var rotated = await (await app.Bearer(tenant.Token).PostAsync($"/api/widget-keys/{tenant.WidgetKeyId}/rotate", null)).OkJsonAsync();
        var newKey = rotated["key"]!.GetValue<string>();

        Assert.NotEqual(tenant.WidgetKey, newKey);
        Assert.Matches("^pk_live_[0-9a-f]{32}$", newKey);
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(tenant.WidgetKey), 401, "invalid_widget_key");
        ChatApi.AssertReplyShape(await app.WidgetChatAsync(newKey, ChatApi.NewSession(), "hello after rotation"));
    }

    [Fact]
    public async Task Widget_chat_from_unlisted_origin_is_refused()
    {
        var tenant = await app.SignupAsync();
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(tenant.WidgetKey, "https://evil.example.net"), 403, "origin_not_allowed");
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(tenant.WidgetKey, origin: null), 403, "origin_not_allowed");
    }

    [Fact]
    public async Task Wildcard_entry_admits_https_subdomains_only()
    {
        var tenant = await app.SignupAsync();
        var (_, key) = await CreateKeyAsync(tenant, "https://*.example.com");

        ChatApi.AssertReplyShape(await app.WidgetChatAsync(key, ChatApi.NewSession(), "hello from a subdomain", "https://a.example.com"));
        ChatApi.AssertReplyShape(await app.WidgetChatAsync(key, ChatApi.NewSession(), "hello from a deeper subdomain", "https://b.a.example.com"));
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(key, "https://example.com"), 403, "origin_not_allowed");
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(key, "http://a.example.com"), 403, "origin_not_allowed");
        await AssertRefusedAndNothingStoredAsync(tenant, app.Widget(key, "https://a.example.com.evil.net"), 403, "origin_not_allowed");
    }

    [Fact]
    public async Task Business_id_in_the_body_is_ignored_the_conversation_lands_in_the_keys_tenant()
    {
        var owner = await app.SignupAsync();
        var other = await app.SignupAsync();
        var sessionId = ChatApi.NewSession();

        var response = await app.Widget(owner.WidgetKey).PostJsonAsync("/api/widget/chat",
            new { session_id = sessionId, message = "Which business am I talking to?", business_id = other.TenantId });

        ChatApi.AssertReplyShape(await response.OkJsonAsync());
        Assert.Contains(sessionId, ChatApi.SessionIds(await app.SessionsAsync(owner)));
        Assert.DoesNotContain(sessionId, ChatApi.SessionIds(await app.SessionsAsync(other)));
        Assert.Null(await app.TranscriptAsync(other, sessionId));
    }

    [Fact]
    public async Task Preflight_from_an_allowed_origin_answers_204_with_cors_headers()
    {
        var tenant = await app.SignupAsync();
        foreach (var path in new[] { $"/api/widget/chat?key={tenant.WidgetKey}", "/api/widget/chat", "/api/widget/config" })
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", ChatApi.ShopOrigin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type, x-widget-key");

            var response = await app.CreateClient().SendAsync(request);

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("POST, GET, OPTIONS", ChatApi.Header(response, "Access-Control-Allow-Methods"));
            Assert.Equal("Content-Type, X-Widget-Key, X-Bob-Identity", ChatApi.Header(response, "Access-Control-Allow-Headers"));
            Assert.Equal("Origin", ChatApi.Header(response, "Vary"));
        }
    }

    [Fact]
    public async Task Preflight_from_another_origin_is_refused_without_cors_headers()
    {
        var tenant = await app.SignupAsync();
        foreach (var path in new[] { $"/api/widget/chat?key={tenant.WidgetKey}", "/api/widget/chat" })
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", $"https://{Guid.NewGuid():N}.unlisted.example.org");
            request.Headers.Add("Access-Control-Request-Method", "POST");

            var response = await app.CreateClient().SendAsync(request);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(ChatApi.HasCorsHeaders(response));
        }
    }

    [Fact]
    public async Task Widget_config_returns_persona_greeting_colours_and_position()
    {
        var tenant = await app.SignupAsync();

        var response = await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config");

        var config = await response.OkJsonAsync();
        Assert.Equal("Bob", config["persona"]!["name"]!.GetValue<string>());
        Assert.Contains("Bob", config["greeting"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(config["colors"]?["primary"]);
        Assert.Equal("bottom-right", config["position"]!.GetValue<string>());
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("Origin", ChatApi.Header(response, "Vary"));
    }

    [Fact]
    public async Task Widget_config_with_a_bad_key_is_refused()
    {
        var response = await app.Widget("pk_live_" + new string('f', 32)).GetAsync("/api/widget/config");

        await response.AssertProblemAsync(401, "invalid_widget_key");
        Assert.Equal("Origin", ChatApi.Header(response, "Vary"));
    }

    [Fact]
    public async Task Widget_responses_vary_by_origin_whether_allowed_or_refused()
    {
        var tenant = await app.SignupAsync();

        var allowed = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { message = "hello" });
        var refused = await app.Widget(tenant.WidgetKey, "https://evil.example.net").PostJsonAsync("/api/widget/chat", new { message = "hello" });

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("Origin", ChatApi.Header(allowed, "Vary"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Origin", ChatApi.Header(refused, "Vary"));
    }

    [Fact]
    public async Task First_widget_turn_without_session_id_gets_an_unguessable_one()
    {
        var tenant = await app.SignupAsync();

        var reply = await (await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { message = "hello" })).OkJsonAsync();

        var sessionId = reply["session_id"]!.GetValue<string>();
        Assert.True(sessionId.Length >= 20, sessionId);
        Assert.NotNull(await app.TranscriptAsync(tenant, sessionId));
    }
}
