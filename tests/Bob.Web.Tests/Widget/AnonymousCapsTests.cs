using System.Text;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Features.Conversations;
using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Widget;

/// <summary>Issue 18's caps at their boundaries: N allowed, N+1 refused with its code and nothing stored. Visitor turns
/// and stored bytes per conversation (also after a handoff, when turns cost no credits), open streams per credential and
/// per address.</summary>
public sealed class AnonymousCapsTests(CappedApp app) : IClassFixture<CappedApp>
{
    [Fact]
    public async Task A_conversation_takes_its_cap_of_visitor_turns_and_refuses_the_next_storing_nothing()
    {
        var tenant = await app.SignupAsync();
        var session = ChatApi.NewSession();
        var token = (await app.WidgetChatAsync(tenant.WidgetKey, session, "question 1"))["visitor_token"]!.GetValue<string>();
        for (var turn = 2; turn <= CappedApp.VisitorTurns; turn++)
        {
            await app.WidgetChatAsync(tenant.WidgetKey, session, $"question {turn}");
        }

        var refused = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat", new { session_id = session, visitor_token = token, message = "one too many" });

        await refused.AssertProblemAsync(409, "conversation_full");
        Assert.Equal(ChatApi.ShopOrigin, ChatApi.Header(refused, "Access-Control-Allow-Origin"));
        Assert.Equal(CappedApp.VisitorTurns, (await app.TurnsAsync(tenant, session)).Count(t => t.Role == "visitor"));
    }

    [Fact]
    public async Task After_a_handoff_free_turns_are_capped_too_and_so_is_asking_again_with_a_message()
    {
        var tenant = await app.SignupAsync();
        var widget = app.Widget(tenant.WidgetKey);
        var opened = await (await widget.PostJsonAsync("/api/widget/handoff", new { message = "a human please" })).OkJsonAsync();
        var (session, token) = (opened["session_id"]!.GetValue<string>(), opened["visitor_token"]!.GetValue<string>());
        for (var turn = 2; turn <= CappedApp.VisitorTurns; turn++)
        {
            var silent = await (await widget.PostJsonAsync("/api/widget/chat", new { session_id = session, visitor_token = token, message = $"still waiting {turn}" })).OkJsonAsync();
            Assert.Equal("", silent["reply"]!.GetValue<string>());
        }

        var turnRefused = await widget.PostJsonAsync("/api/widget/chat", new { session_id = session, visitor_token = token, message = "one too many" });
        var handoffRefused = await widget.PostJsonAsync("/api/widget/handoff", new { session_id = session, visitor_token = token, message = "one too many" });

        await turnRefused.AssertProblemAsync(409, "conversation_full");
        await handoffRefused.AssertProblemAsync(409, "conversation_full");
        Assert.Equal(CappedApp.VisitorTurns, (await app.TurnsAsync(tenant, session)).Count(t => t.Role == "visitor"));
    }

    [Fact]
    public async Task A_conversation_takes_text_up_to_its_byte_cap_and_refuses_one_byte_more()
    {
        var tenant = await app.SignupAsync();
        var session = ChatApi.NewSession();
        var token = (await app.WidgetChatAsync(tenant.WidgetKey, session, "hello"))["visitor_token"]!.GetValue<string>();
        var remaining = await RemainingBytesAsync(tenant, session);
        while (remaining > 3999)
        {
            await app.WidgetChatAsync(tenant.WidgetKey, session, new string('a', Math.Min(4000, remaining - 1000)));
            remaining = await RemainingBytesAsync(tenant, session);
        }
        var before = (await app.TurnsAsync(tenant, session)).Count;

        var refused = await app.Widget(tenant.WidgetKey).PostJsonAsync("/api/widget/chat",
            new { session_id = session, visitor_token = token, message = new string('b', remaining + 1) });
        await refused.AssertProblemAsync(409, "conversation_full");
        Assert.Equal(before, (await app.TurnsAsync(tenant, session)).Count);

        var fits = await app.WidgetChatAsync(tenant.WidgetKey, session, new string('c', remaining));
        ChatApi.AssertReplyShape(fits);
    }

    [Fact]
    public async Task A_login_holds_its_cap_of_open_feeds_and_the_next_is_refused_until_one_closes()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        var feeds = new List<LiveStream>();
        for (var i = 0; i < CappedApp.StreamsPerCredential; i++)
        {
            feeds.Add(await LiveStream.OpenAsync(owner, "/api/chat/events"));
        }

        var refused = await owner.GetAsync("/api/chat/events");

        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.NotNull(ChatApi.Header(refused, "Retry-After"));
        await feeds[0].DisposeAsync();
        var streams = app.Services.GetRequiredService<OpenStreams>();
        await Eventually.ReturnsAsync(() => Task.FromResult(streams.OpenFor(AccessTokens.KeyOf(tenant.Token))), open => open < CappedApp.StreamsPerCredential);
        await using var again = await LiveStream.OpenAsync(owner, "/api/chat/events");
        await feeds[1].DisposeAsync();
    }

    [Fact]
    public async Task An_address_holds_its_cap_of_open_visitor_streams_and_the_next_is_refused()
    {
        var tenant = await app.SignupAsync();
        var streams = app.Services.GetRequiredService<OpenStreams>();
        await Eventually.ReturnsAsync(() => Task.FromResult(streams.OpenAt(LoginSources.Unknown)), open => open == 0);
        var open = new List<LiveStream>();
        for (var i = 0; i < CappedApp.StreamsPerAddress; i++)
        {
            var (session, token) = await VisitorAsync(tenant);
            open.Add(await LiveStream.OpenAsync(app.Widget(key: null), $"/api/widget/sessions/{session}/events?key={tenant.WidgetKey}&visitor_token={token}"));
        }
        var (last, lastToken) = await VisitorAsync(tenant);

        var refused = await app.Widget(key: null).GetAsync($"/api/widget/sessions/{last}/events?key={tenant.WidgetKey}&visitor_token={lastToken}");

        await refused.AssertProblemAsync(429, "rate_limited");
        Assert.NotNull(ChatApi.Header(refused, "Retry-After"));
        foreach (var stream in open)
        {
            await stream.DisposeAsync();
        }
    }

    private async Task<(string Session, string Token)> VisitorAsync(TestTenant tenant)
    {
        var session = ChatApi.NewSession();
        var reply = await app.WidgetChatAsync(tenant.WidgetKey, session, "hello");
        return (session, reply["visitor_token"]!.GetValue<string>());
    }

    private async Task<int> RemainingBytesAsync(TestTenant tenant, string session) =>
        CappedApp.StoredBytes - (await app.TurnsAsync(tenant, session)).Sum(t => Encoding.UTF8.GetByteCount(t.Text));
}
