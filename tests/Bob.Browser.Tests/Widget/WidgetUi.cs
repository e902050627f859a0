using static Microsoft.Playwright.Assertions;

namespace Bob.Browser.Tests.Widget;

/// <summary>The widget as a visitor finds it on the page. Playwright's CSS selectors pierce open shadow roots.</summary>
public sealed class WidgetUi(IPage page)
{
    public ILocator Launcher => page.Locator("bob-widget .launcher");

    public ILocator Panel => page.Locator("bob-widget .panel");

    public ILocator Input => page.Locator("bob-widget #bob-input");

    public ILocator SendButton => page.Locator("bob-widget .send");

    public ILocator CloseButton => page.Locator("bob-widget .header .icon");

    public ILocator HumanButton => page.Locator("bob-widget .header .human");

    public ILocator Subtitle => page.Locator("bob-widget .title p");

    public ILocator Badge => page.Locator("bob-widget .badge");

    public ILocator Notice => page.Locator("bob-widget .notice");

    public ILocator Bubbles(string role) => page.Locator($"bob-widget .msg.{role} .bubble");

    public ILocator SystemLines => page.Locator("bob-widget .messages .system");

    public ILocator RetryButton => page.Locator("bob-widget .failed button");

    public async Task OpenAsync()
    {
        await Launcher.ClickAsync();
        await Expect(Panel).ToBeVisibleAsync();
    }

    /// <summary>Types a message and presses Enter, as a visitor does.</summary>
    public async Task SendAsync(string text)
    {
        await Input.FillAsync(text);
        await Input.PressAsync("Enter");
    }

    /// <summary>Sends and waits for the assistant's answer (the greeting is the first assistant bubble).</summary>
    public async Task<ILocator> SendAndAwaitAnswerAsync(string text)
    {
        var answers = await Bubbles("assistant").CountAsync();
        await SendAsync(text);
        await AwaitAnswersAsync(answers + 1);
        return Bubbles("assistant").Nth(answers);
    }

    /// <summary>
    /// Waits until the panel shows <paramref name="count"/> assistant bubbles and no turn is in flight. An answer's
    /// bubble appears with its first streamed words, before Bob has committed the turn, so reading the conversation
    /// from Bob's API is only safe once the turn is over.
    /// </summary>
    public async Task AwaitAnswersAsync(int count, float? timeout = null)
    {
        await Expect(Bubbles("assistant")).ToHaveCountAsync(count, new() { Timeout = timeout });
        await Expect(page.Locator("bob-widget .messages[aria-busy]")).ToHaveCountAsync(0, new() { Timeout = timeout });
    }

    /// <summary>The visitor's stored session, as the panel keeps it in the host page's localStorage.</summary>
    public async Task<(string Id, string Token)> StoredSessionAsync(string keyId)
    {
        var stored = await page.EvaluateAsync<string?>($"() => localStorage.getItem('bob.session.{keyId}')");
        Assert.NotNull(stored);
        var json = System.Text.Json.Nodes.JsonNode.Parse(stored)!;
        return (json["id"]!.GetValue<string>(), json["token"]!.GetValue<string>());
    }
}
