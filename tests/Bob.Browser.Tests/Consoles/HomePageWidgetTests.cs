using System.Net;
using Bob.Browser.Tests.Infrastructure;
using Bob.Browser.Tests.Widget;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Consoles;

/// <summary>Bob's own site on Bob's own widget: the home page's chat is the widget in public mode (path 1, same
/// origin, no key), and a reload brings the conversation back, read with the visitor's token.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HomePageWidgetTests(BrowserWorld world)
{
    [Fact]
    public async Task The_home_page_chat_is_the_widget_and_keeps_its_history_over_a_reload()
    {
        await using var session = await world.NewPageAsync(bypassCsp: true);
        var page = session.Page;
        var widget = new WidgetUi(page);
        var chatRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                chatRequests.Add(new Uri(request.Url).AbsolutePath);
            }
        };
        await page.GotoAsync(world.BobUrl("/"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Ask Bob a question" }).ClickAsync();
        await Expect(widget.Panel).ToBeVisibleAsync();
        await Expect(widget.HumanButton).ToBeHiddenAsync();
        var answer = await widget.SendAndAwaitAnswerAsync("What is Bob?");
        var answerText = await answer.TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(answerText));
        Assert.Equal(["/api/chat"], chatRequests);
        await Axe.AssertNoSeriousViolationsAsync(page, "the home page with Bob's widget open");

        await page.ReloadAsync();
        await widget.OpenAsync();
        await Expect(widget.Bubbles("visitor")).ToHaveTextAsync(new[] { "What is Bob?" });
        await widget.AwaitAnswersAsync(2);
        await Expect(widget.Bubbles("assistant").Nth(1)).ToHaveTextAsync(answerText!);

        // The history is the visitor's by its token alone: the id without it reads nothing.
        var (sessionId, token) = await widget.StoredSessionAsync("public");
        using var http = new HttpClient { BaseAddress = world.Bob.ServerAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/chat/sessions/{sessionId}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/chat/sessions/{sessionId}/messages?visitor_token={token}")).StatusCode);
        Assert.Empty(session.ScriptErrors());
        await session.ScreenshotAsync("home-page-widget");
    }
}
