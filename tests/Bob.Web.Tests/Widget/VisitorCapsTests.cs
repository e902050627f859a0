using System.Net;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Webhooks;

namespace Bob.Web.Tests.Widget;

/// <summary>
/// A widget key's budget cannot be drained by a few addresses (each has its own share of it, cluster-wide in the key's
/// grain), and handoff requests and webhook test sends are capped: past a cap, 429 <c>rate_limited</c> with Retry-After,
/// readable by the widget, and nothing stored.
/// </summary>
public sealed class VisitorCapsTests(VisitorCapsApp app) : IClassFixture<VisitorCapsApp>
{
    [Fact]
    public async Task A_few_addresses_spend_their_own_share_and_another_visitor_still_chats()
    {
        var tenant = await app.SignupAsync();
        var attackers = Enumerable.Range(0, 3).Select(_ => app.NewVisitor(tenant.WidgetKey)).ToList();
        foreach (var attacker in attackers)
        {
            for (var i = 0; i < VisitorCapsApp.PerAddressPerMinute; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/api/widget/config")).StatusCode);
            }
            for (var i = 0; i < 5; i++)
            {
                await (await attacker.GetAsync("/api/widget/config")).AssertProblemAsync(429, "rate_limited");
            }
        }

        using var visitor = app.NewVisitor(tenant.WidgetKey);
        var reply = await (await visitor.PostJsonAsync("/api/widget/chat", new { message = "is anyone there?" })).OkJsonAsync();

        ChatApi.AssertReplyShape(reply);
    }

    [Fact]
    public async Task One_address_gets_exactly_its_share_and_the_refusal_is_readable_and_stores_nothing()
    {
        var tenant = await app.SignupAsync();
        using var visitor = app.NewVisitor(tenant.WidgetKey);
        for (var i = 0; i < VisitorCapsApp.PerAddressPerMinute; i++)
        {
            await (await visitor.PostJsonAsync("/api/widget/chat", new { session_id = ChatApi.NewSession(), message = $"message {i}" })).OkJsonAsync();
        }
        var sessionId = ChatApi.NewSession();

        var refused = await visitor.PostJsonAsync("/api/widget/chat", new { session_id = sessionId, message = "one too many" });

        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.True(int.TryParse(ChatApi.Header(refused, "Retry-After"), out var seconds) && seconds is >= 1 and <= 60);
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(refused, "Access-Control-Allow-Origin"));
        Assert.Contains("Retry-After", ChatApi.Header(refused, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
        Assert.Null(await app.TranscriptAsync(tenant, sessionId));
    }

    [Fact]
    public async Task Many_addresses_together_still_meet_the_keys_total()
    {
        var tenant = await app.SignupAsync();
        var answers = new List<HttpStatusCode>();
        for (var a = 0; a < 4; a++)
        {
            using var visitor = app.NewVisitor(tenant.WidgetKey);
            for (var i = 0; i < VisitorCapsApp.PerAddressPerMinute; i++)
            {
                var response = await visitor.GetAsync("/api/widget/config");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await response.AssertProblemAsync(429, "too_many_requests");
                }
                answers.Add(response.StatusCode);
            }
        }

        Assert.Equal(VisitorCapsApp.KeyPerMinute, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers.Skip(VisitorCapsApp.KeyPerMinute));
    }

    [Fact]
    public async Task Handoff_requests_are_capped_per_address()
    {
        var tenant = await app.SignupAsync();
        using var visitor = app.NewVisitor(tenant.WidgetKey);
        using var neighbour = app.NewVisitor(tenant.WidgetKey);
        for (var i = 0; i < VisitorCapsApp.HandoffsPerHour; i++)
        {
            await (await visitor.PostJsonAsync("/api/widget/handoff", new { message = $"a human please ({i})" })).OkJsonAsync();
        }
        var before = (await app.SessionsAsync(tenant))["items"]!.AsArray().Count;

        var refused = await visitor.PostJsonAsync("/api/widget/handoff", new { message = "a human, again" });

        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.True(int.TryParse(ChatApi.Header(refused, "Retry-After"), out var seconds) && seconds is >= 1 and <= 3600);
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(refused, "Access-Control-Allow-Origin"));
        Assert.Equal(before, (await app.SessionsAsync(tenant))["items"]!.AsArray().Count);
        await (await neighbour.PostJsonAsync("/api/widget/handoff", new { message = "my first request" })).OkJsonAsync();
    }

    [Fact]
    public async Task Webhook_test_sends_are_capped_per_business()
    {
        var tenant = await app.SignupAsync();
        var other = await app.SignupAsync();
        var endpoint = (await app.RegisterAsync(tenant, new Uri("http://127.0.0.1:9/hook"), "message.created"))["id"]!.GetValue<string>();
        var otherEndpoint = (await app.RegisterAsync(other, new Uri("http://127.0.0.1:9/other"), "message.created"))["id"]!.GetValue<string>();
        for (var i = 0; i < VisitorCapsApp.WebhookTestsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await app.Bearer(tenant.Token).PostAsync($"/api/webhooks/{endpoint}/test", null)).StatusCode);
        }

        var refused = await app.Bearer(tenant.Token).PostAsync($"/api/webhooks/{endpoint}/test", null);

        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.True(int.TryParse(ChatApi.Header(refused, "Retry-After"), out var seconds) && seconds is >= 1 and <= 60);
        Assert.Equal(VisitorCapsApp.WebhookTestsPerMinute, (await app.DeliveriesAsync(tenant, endpoint))["items"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Bearer(other.Token).PostAsync($"/api/webhooks/{otherEndpoint}/test", null)).StatusCode);
    }
}
