using Bob.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>A human agent answers from Mission Control; the visitor sees it live, as text, and only the visitor does.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentReplyTests(BrowserWorld world)
{
    [Fact]
    public async Task An_agent_reply_appears_live_in_the_open_panel_and_as_an_unread_badge_when_closed()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("Can I speak to someone about a refund?");
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);

        await world.AgentReplyAsync(tenant, sessionId, "Hi, this is Dana from the team. Happy to help.");
        await Expect(widget.Bubbles("agent")).ToHaveTextAsync(new[] { "Hi, this is Dana from the team. Happy to help." });
        await Expect(widget.Subtitle).ToHaveTextAsync("You are chatting with a person from the team");
        await Expect(widget.HumanButton).ToBeHiddenAsync();

        await widget.CloseButton.ClickAsync();
        await Expect(widget.Panel).ToBeHiddenAsync();
        await world.AgentReplyAsync(tenant, sessionId, "Your refund has been issued.");
        await Expect(widget.Badge).ToHaveTextAsync("1");
        await Expect(widget.Launcher).ToHaveAttributeAsync("aria-label", "Open chat, 1 unread");
        await world.AgentReplyAsync(tenant, sessionId, "Anything else?");
        await Expect(widget.Badge).ToHaveTextAsync("2");
        await session.ScreenshotAsync("desktop-closed-unread");

        await widget.OpenAsync();
        await Expect(widget.Badge).ToBeHiddenAsync();
        await Expect(widget.Bubbles("agent")).ToHaveTextAsync(new[] { "Hi, this is Dana from the team. Happy to help.", "Your refund has been issued.", "Anything else?" });
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Html_and_script_from_an_agent_are_shown_as_text_and_never_run()
    {
        const string payload = """<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold</b> & <a href="javascript:window.pwned=3">link</a>""";
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (session, page, widget) = visit;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("hello");
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);

        await world.AgentReplyAsync(tenant, sessionId, payload);

        var bubble = widget.Bubbles("agent").First;
        await Expect(bubble).ToHaveTextAsync(payload);
        Assert.Equal(0, await bubble.Locator("img, script, b, a").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned"));
        await page.ReloadAsync();
        await widget.OpenAsync();
        await Expect(widget.Bubbles("agent").First).ToHaveTextAsync(payload);
        Assert.Equal(0, await page.Locator("bob-widget .messages img, bob-widget .messages script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned"));
    }

    [Fact]
    public async Task Another_page_knowing_the_key_and_the_session_id_cannot_follow_or_read_the_conversation()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visitor = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var widget = visitor.Widget;
        await widget.OpenAsync();
        await widget.SendAndAwaitAnswerAsync("My address is 1 Private Road.");
        var (sessionId, _) = await widget.StoredSessionAsync(tenant.WidgetKeyId);
        await world.AgentReplyAsync(tenant, sessionId, "Thanks, we will ship there.");

        // A second visitor on the same allowed site, with the public key and the id but not the token.
        await using var snoop = await world.NewPageAsync();
        await snoop.Page.GotoAsync(world.PublishWidgetPage(tenant.WidgetKey, strictCsp: false).ToString());
        var bob = world.Bob.ServerAddress.ToString();
        var outcome = await snoop.Page.EvaluateAsync<string[]>(
            """
            async ([bob, key, id]) => {
              const history = await fetch(`${bob}api/widget/sessions/${id}/messages?key=${key}`);
              const body = await history.json();
              const stream = await new Promise(resolve => {
                const source = new EventSource(`${bob}api/widget/sessions/${id}/events?key=${key}`);
                source.addEventListener('message', e => { source.close(); resolve('leaked: ' + e.data); });
                source.onerror = () => { source.close(); resolve('refused'); };
              });
              return [String(history.status), body.code, stream];
            }
            """,
            new[] { bob, tenant.WidgetKey, sessionId });

        Assert.Equal(["401", "visitor_token_required", "refused"], outcome);
    }
}
