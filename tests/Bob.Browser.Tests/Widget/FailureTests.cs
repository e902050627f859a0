using System.Text.Json;
using System.Text.RegularExpressions;
using Bob.Browser.Tests.Infrastructure;
using Bob.Grains.Abstractions.Conversations;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>What the visitor sees when something goes wrong, and that a retry is never answered twice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FailureTests(BrowserWorld world)
{
    [Fact]
    public async Task A_send_whose_answer_was_lost_is_retried_with_the_same_id_and_answered_once()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("hello");

        // Bob answers, but the answer never reaches the browser.
        await page.RouteAsync(ChatRequests, async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });
        await widget.SendAsync("Is my order on its way?");
        await Expect(widget.Notice).ToHaveTextAsync("We could not reach the chat. Check your connection, then retry.");
        await Expect(widget.RetryButton).ToBeVisibleAsync();
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.Wait });

        await widget.RetryButton.ClickAsync();
        await Expect(widget.RetryButton).ToHaveCountAsync(0);
        await widget.AwaitAnswersAsync(3);
        await Expect(widget.Notice).ToBeHiddenAsync();

        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        var messages = (await world.TranscriptAsync(tenant, sessionId))["messages"]!.AsArray();
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], messages.Select(m => m!["role"]!.GetValue<string>()));
    }

    [Fact]
    public async Task When_credits_run_out_the_visitor_is_offered_a_human_and_the_team_sees_the_request()
    {
        var tenant = await world.SignupForHostSiteAsync();
        var meter = world.Bob.Services.GetRequiredService<IClusterClient>().GetGrain<ICreditMeterGrain>(tenant.TenantId);
        await meter.SettleAsync(0, (await meter.BalanceAsync()).Remaining, commitTransaction: ulong.MaxValue); // a commit no recount has seen yet
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();

        await widget.SendAsync("Where is my order 1234?");
        await Expect(widget.Notice).ToContainTextAsync("Our assistant cannot answer right now, but a person from the team can.");
        await widget.Notice.GetByRole(AriaRole.Button, new() { Name = "Talk to a human" }).ClickAsync();

        await Expect(widget.Subtitle).ToHaveTextAsync("Waiting for a person from the team…");
        await Expect(widget.SystemLines).ToHaveTextAsync(new[] { "A person from the team was asked to join; they will reply here." });
        await Expect(widget.RetryButton).ToHaveCountAsync(0);
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        var waiting = await (await world.Bob.Bearer(tenant.Token).GetAsync("/api/chat/sessions?status=waiting")).JsonAsync();
        Assert.Equal(sessionId, Assert.Single(waiting["items"]!.AsArray())!["session_id"]!.GetValue<string>());

        await world.AgentReplyAsync(tenant, sessionId, "Hi, it's Sam. Order 1234 left our warehouse today.");
        await Expect(widget.Bubbles("agent")).ToHaveTextAsync(new[] { "Hi, it's Sam. Order 1234 left our warehouse today." });
        var roles = (await world.TranscriptAsync(tenant, sessionId))["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["visitor", "system", "system", "agent"], roles);
        await session.ScreenshotAsync("desktop-open-handoff");
    }

    [Fact]
    public async Task A_suspended_business_gets_a_friendly_message_and_a_retry()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();

        // Suspension has no API yet, so Bob's documented problem answer is played back at the HTTP boundary (the
        // widget's own handling is what is tested here). A 429 is retried by the widget itself (RetryTests).
        await page.RouteAsync(ChatRequests, route => route.FulfillAsync(Problem(403, "tenant_suspended")));
        await widget.SendAsync("message refused with tenant_suspended");
        await Expect(widget.Notice).ToHaveTextAsync("This chat is unavailable at the moment.");
        await Expect(widget.RetryButton).ToBeVisibleAsync();
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.Wait });

        await widget.RetryButton.ClickAsync();
        await Expect(widget.RetryButton).ToHaveCountAsync(0);
        await widget.AwaitAnswersAsync(2);
        await Expect(widget.Notice).ToBeHiddenAsync();
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_full_conversation_is_explained_kindly_and_retry_sends_the_message_in_a_new_one()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("hello");
        var (fullSession, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);

        // Reaching the real cap takes 500 turns; Bob's documented 409 is played back at the HTTP boundary once.
        await page.RouteAsync(ChatRequests, route => route.FulfillAsync(Problem(409, "conversation_full")), new() { Times = 1 });
        await widget.SendAsync("one more question");
        await Expect(widget.Notice).ToHaveTextAsync("This conversation is full — press Retry to start a new one with your message.");

        await widget.RetryButton.ClickAsync();
        await Expect(widget.RetryButton).ToHaveCountAsync(0);
        await widget.AwaitAnswersAsync(3); // the greeting and two answers
        var (newSession, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        Assert.NotEqual(fullSession, newSession);
        var roles = (await world.TranscriptAsync(tenant, newSession))["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant"], roles);
        Assert.Empty(session.PageErrors);
    }

    /// <summary>The widget's turns (<c>POST /api/widget/chat?key=…</c>).</summary>
    private static readonly Regex ChatRequests = new(@"/api/widget/chat(\?|$)");

    private RouteFulfillOptions Problem(int status, string code) => new()
    {
        Status = status,
        ContentType = "application/problem+json",
        Headers = new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = world.Site.Origin.GetLeftPart(UriPartial.Authority),
            ["Access-Control-Expose-Headers"] = "X-Request-Id, Retry-After",
            ["Retry-After"] = "5",
        },
        Body = JsonSerializer.Serialize(new { type = $"urn:bob:problem:{code}", title = code, status, detail = code, code, requestId = "test" }),
    };
}
