using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>A node whose per-IP chat limit is 3 a minute.</summary>
public sealed class LowIpChatLimitApp : BobWebApp
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?> { ["Bob:RateLimits:ChatPerMinutePerIp"] = "3" };
}

/// <summary>A cluster whose per-widget-key limit is 2 a minute.</summary>
public sealed class LowWidgetKeyLimitApp : BobWebApp
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?> { ["Bob:RateLimits:WidgetKeyPerMinute"] = "2" };
}

public sealed class PerIpChatRateLimitTests(LowIpChatLimitApp app) : IClassFixture<LowIpChatLimitApp>
{
    [Fact]
    public async Task Fourth_widget_chat_in_a_minute_from_one_ip_is_refused_with_retry_after()
    {
        var tenant = await app.SignupAsync();
        for (var i = 1; i <= 3; i++)
        {
            await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), $"message {i}");
        }
        var sessionId = ChatApi.NewSession();

        var refused = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "message 4" });

        await refused.AssertProblemAsync(429, "too_many_requests");
        Assert.True(int.TryParse(ChatApi.Header(refused, "Retry-After"), out var seconds) && seconds is >= 1 and <= 60);
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
        // The widget can read "slow down" (and when to retry) instead of seeing a network error.
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(refused, "Access-Control-Allow-Origin"));
        Assert.Contains("Retry-After", ChatApi.Header(refused, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }
}

public sealed class PerWidgetKeyRateLimitTests(LowWidgetKeyLimitApp app) : IClassFixture<LowWidgetKeyLimitApp>
{
    [Fact]
    public async Task Third_request_with_one_widget_key_in_a_minute_is_refused_but_other_keys_are_not()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "message 1");
        await app.WidgetChatAsync(tenant.WidgetKey, ChatApi.NewSession(), "message 2");
        var sessionId = ChatApi.NewSession();

        var refused = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "message 3" });

        await refused.AssertProblemAsync(429, "too_many_requests");
        Assert.True(int.TryParse(ChatApi.Header(refused, "Retry-After"), out var seconds) && seconds is >= 1 and <= 60);
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(refused, "Access-Control-Allow-Origin"));
        ChatApi.AssertReplyShape(await app.WidgetChatAsync(other.WidgetKey, ChatApi.NewSession(), "another key is not throttled"));
    }
}
