using Bob.Browser.Tests.Infrastructure;
using Bob.Grains.Abstractions.Conversations;
using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>
/// The composer holds what Bob takes and no more: <see cref="ChatLimits.MessageMax"/> characters, the server's limit,
/// which the widget build reads from that same constant (widget/build.mjs).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageLimitTests(BrowserWorld world)
{
    [Fact]
    public async Task Typing_one_character_over_the_servers_limit_keeps_the_limit_and_that_message_is_answered()
    {
        var tenant = await world.SignupForHostSiteAsync();
        await using var visit = await world.VisitWidgetPageAsync(tenant.WidgetKey);
        var (_, page, widget) = visit;
        await widget.OpenAsync();

        await widget.Input.FillAsync(new string('a', ChatLimits.MessageMax + 1));

        Assert.Equal(ChatLimits.MessageMax, await widget.Input.EvaluateAsync<int>("e => e.value.length"));
        await widget.Input.PressAsync("Enter");
        await Expect(widget.Bubbles("visitor")).ToHaveTextAsync(new[] { new string('a', ChatLimits.MessageMax) });
        await widget.AwaitAnswersAsync(2);
        await Expect(page.Locator("bob-widget .msg.visitor.pending")).ToHaveCountAsync(0);
        await Expect(widget.Notice).ToBeHiddenAsync();
        await Expect(widget.RetryButton).ToHaveCountAsync(0);
    }
}
