using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>The widget's own retries: "not now" answers (503, 429) are sent again after Retry-After while the visitor
/// sees "reconnecting", and a message is never lost, not even to a reload while it is on its way.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RetryTests(BrowserWorld world)
{
    /// <summary>The widget's turns (<c>POST /api/widget/chat?key=…</c>).</summary>
    private static readonly Regex ChatRequests = new(@"/api/widget/chat(\?|$)");

    [Fact]
    public async Task The_widget_rides_out_a_database_restart_and_loses_nothing_typed()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("hello");
        var sends = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && ChatRequests.IsMatch(request.Url))
            {
                Interlocked.Increment(ref sends);
            }
        };
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.RequestFailed += (_, request) => seen.Enqueue($"FAILED {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) => seen.Enqueue($"{response.Status} {response.Request.Method} {response.Url}");
        page.Console += (_, message) => seen.Enqueue($"console {message.Text}");

        await using (var outage = await DatabaseOutage.BeginAsync(world.Bob.ConnectionString))
        {
            await widget.SendAsync("Is my order on its way?");
            await Expect(Reconnecting(page)).ToHaveTextAsync("Reconnecting…");
            await Expect(Reconnecting(page)).ToHaveAttributeAsync("role", "status");
            // The outage lasts until the widget has come back by itself for another try.
            var sent = await Eventually.ReturnsAsync(() => Task.FromResult(Volatile.Read(ref sends)), n => n >= 2, TimeSpan.FromSeconds(60));
            Assert.True(sent >= 2, $"{sent} sends; the panel says: {await widget.Panel.TextContentAsync()}\n{string.Join('\n', seen)}");
            await outage.EndAsync();
        }

        try
        {
            await widget.AwaitAnswersAsync(3, timeout: 60_000);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{await widget.Panel.TextContentAsync()}\n{string.Join('\n', seen)}");
        }
        await Expect(Reconnecting(page)).ToBeEmptyAsync();
        await Expect(widget.Bubbles("visitor")).ToHaveTextAsync(new[] { "hello", "Is my order on its way?" });
        await Expect(widget.RetryButton).ToHaveCountAsync(0);
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        var roles = (await world.TranscriptAsync(tenant, sessionId))["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], roles);
        Assert.Empty(await PendingAsync(page, tenant.WidgetKeyId));
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_429_is_sent_again_after_Retry_After_without_the_visitor_doing_anything()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        var times = new List<long>();
        await page.RouteAsync(ChatRequests, async route =>
        {
            lock (times)
            {
                times.Add(Stopwatch.GetTimestamp());
            }
            if (times.Count == 1)
            {
                await route.FulfillAsync(TooManyRequests(retryAfterSeconds: 2));
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await widget.SendAsync("Do you ship abroad?");
        await Expect(Reconnecting(page)).ToHaveTextAsync("Reconnecting…");
        await widget.AwaitAnswersAsync(2);
        await Expect(Reconnecting(page)).ToBeEmptyAsync();

        Assert.Equal(2, times.Count);
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromSeconds(1.9), "the retry waited for Retry-After");
        await Expect(widget.Notice).ToBeHiddenAsync();
        await Expect(widget.RetryButton).ToHaveCountAsync(0);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_send_pending_over_a_reload_is_sent_again_and_stored_once()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("hello");

        // Bob gets the message and answers, but the page is reloaded before the answer arrives.
        var reached = new TaskCompletionSource();
        await page.RouteAsync(ChatRequests, async route =>
        {
            await route.FetchAsync();
            reached.TrySetResult();
        });
        await widget.SendAsync("Can I return a gift?");
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(await PendingAsync(page, tenant.WidgetKeyId));
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await page.ReloadAsync();

        await widget.OpenAsync();
        await Expect(widget.Bubbles("visitor")).ToHaveTextAsync(new[] { "hello", "Can I return a gift?" });
        await widget.AwaitAnswersAsync(3);
        Assert.Empty(await Eventually.ReturnsAsync(() => PendingAsync(page, tenant.WidgetKeyId), p => p.Count == 0));
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        var roles = (await world.TranscriptAsync(tenant, sessionId))["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant", "visitor", "assistant"], roles);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task A_first_message_whose_answer_was_lost_stays_in_one_conversation()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await page.RouteAsync(ChatRequests, async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });

        await widget.SendAsync("Where is my order?");
        await Expect(widget.RetryButton).ToBeVisibleAsync();
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.Wait });
        await widget.RetryButton.ClickAsync();

        await widget.AwaitAnswersAsync(2);
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        var sessions = await (await world.Bob.Bearer(tenant.Token).GetAsync("/api/chat/sessions")).JsonAsync();
        Assert.Equal(sessionId, Assert.Single(sessions["items"]!.AsArray())!["session_id"]!.GetValue<string>());
        var roles = (await world.TranscriptAsync(tenant, sessionId))["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["visitor", "assistant"], roles);
        Assert.Empty(session.PageErrors);
    }

    private static ILocator Reconnecting(IPage page) => page.Locator("bob-widget .reconnecting");

    /// <summary>The messages the widget keeps in its stored session until Bob has them.</summary>
    private static async Task<List<string>> PendingAsync(IPage page, string keyId)
    {
        var stored = await page.EvaluateAsync<string?>($"() => localStorage.getItem('bob.session.{keyId}')");
        var pending = stored is null ? null : System.Text.Json.Nodes.JsonNode.Parse(stored)!["pending"];
        return pending is null ? [] : [.. pending.AsArray().Select(p => p!["text"]!.GetValue<string>())];
    }

    private RouteFulfillOptions TooManyRequests(int retryAfterSeconds) => new()
    {
        Status = 429,
        ContentType = "application/problem+json",
        Headers = new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = world.Site.Origin.GetLeftPart(UriPartial.Authority),
            ["Access-Control-Expose-Headers"] = "X-Request-Id, Retry-After",
            ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        Body = JsonSerializer.Serialize(new { type = "urn:bob:problem:too_many_requests", title = "Too many requests", status = 429, detail = "Slow down.", code = "too_many_requests", requestId = "test" }),
    };
}
