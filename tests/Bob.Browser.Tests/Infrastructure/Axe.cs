using System.Text.Json;

namespace Bob.Browser.Tests.Infrastructure;

/// <summary>axe-core (pinned in widget/package-lock.json), injected by the test, never served by Bob.</summary>
public static class Axe
{
    /// <summary>The WCAG 2.0/2.1 A and AA violations of impact serious or critical on the whole page, shadow DOM included.
    /// The page's own CSP must let the test inject a script: open it in a context with <c>bypassCsp</c>.</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = RepoPaths.AxeCore });
        }
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => JSON.stringify(n.target)).join(', ')));
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json)!;
    }

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var violations = await SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ": " + string.Join("\n", violations));
    }
}
