namespace Bob.Browser.Tests.Infrastructure;

/// <summary>The consoles as a member sees them: a browser context signed in through the login form.</summary>
public static class ConsolePages
{
    /// <summary>A fresh context signed in as <paramref name="email"/> through /login; the page is left where login landed.
    /// <paramref name="bypassCsp"/> lets a test inject axe-core.</summary>
    public static async Task<PageSession> SignedInAsync(this BrowserWorld world, string email, string password, ViewportSize? viewport = null, bool bypassCsp = false)
    {
        var session = await world.NewPageAsync(viewport, bypassCsp);
        await session.Page.GotoAsync(world.BobUrl("/login"));
        await session.LogInAsync(email, password);
        return session;
    }

    public static async Task LogInAsync(this PageSession session, string email, string password)
    {
        await session.Page.GetByLabel("Email").FillAsync(email);
        await session.Page.GetByLabel("Password").FillAsync(password);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await session.Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
    }

    /// <summary>A plain HTTP client to Bob that sends the session cookie by hand (no jar) and never follows redirects.</summary>
    public static HttpClient CookieClient(this BrowserWorld world, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = world.Bob.ServerAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"bob_session={token}");
        }
        return client;
    }

    /// <summary>Console errors other than the browser's own report of a non-2xx answer (a refused form is shown with its
    /// API status, e.g. 400): a CSP violation or a script error is what this catches.</summary>
    public static IEnumerable<string> ScriptErrors(this PageSession session) =>
        session.ConsoleErrors.Where(e => !e.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))
            .Select(e => e.Text + " at " + e.Url).Concat(session.PageErrors);

    public static string BobUrl(this BrowserWorld world, string pathAndQuery) => new Uri(world.Bob.ServerAddress, pathAndQuery).ToString();

    /// <summary>A full-page screenshot of a console page under TestResults/consoles/.</summary>
    public static Task ConsoleScreenshotAsync(this PageSession session, string name) =>
        session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.TestResult("consoles", name + ".png"), FullPage = true });

    /// <summary>At 360 px wide nothing may scroll sideways.</summary>
    public static async Task AssertNoSidewaysScrollAsync(this IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{page.Url} scrolls sideways at {page.ViewportSize?.Width} px");
}
