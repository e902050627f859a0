namespace Bob.Browser.Tests.Infrastructure;

/// <summary>One test's browser context and page, with what the page reported: console errors and uncaught exceptions.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly List<(string Text, string Url)> _consoleErrors = [];
    private readonly List<string> _pageErrors = [];

    public PageSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add((message.Text, message.Location));
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors, each with the script location Chromium gave it.</summary>
    public IReadOnlyList<(string Text, string Url)> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    /// <summary>Uncaught exceptions from any script on the page.</summary>
    public IReadOnlyList<string> PageErrors
    {
        get
        {
            lock (_pageErrors)
            {
                return [.. _pageErrors];
            }
        }
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.TestResult("widget", name + ".png") });

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
