using System.Collections.Concurrent;
using System.IO.Compression;

namespace Bob.Browser.Tests.Infrastructure;

/// <summary>
/// What one page load costs the browser: every document, stylesheet, script, image and font it fetched, each counted
/// gzipped (as a compressing proxy or Bob's own asset route sends it). Start it before the navigation; the files are
/// fetched again afterwards through the page's own context (its cookies), so nothing depends on Chromium keeping bodies.
/// </summary>
public sealed class PageWeight
{
    private static readonly string[] Counted = ["document", "stylesheet", "script", "image", "font"];
    private readonly ConcurrentQueue<string> _urls = [];
    private readonly IBrowserContext _context;

    private PageWeight(IPage page)
    {
        _context = page.Context;
        page.Response += (_, response) =>
        {
            if (Counted.Contains(response.Request.ResourceType) && response.Status is >= 200 and < 300)
            {
                _urls.Enqueue(response.Url);
            }
        };
    }

    public static PageWeight Watch(IPage page) => new(page);

    /// <summary>The gzipped total in bytes, and a line per file, written to TestResults/consoles/weight-{page}.txt.</summary>
    public async Task<int> TotalAsync(string pageName)
    {
        var loads = new List<(string Url, int Plain, int Gzipped)>();
        foreach (var url in _urls.Distinct())
        {
            var response = await _context.APIRequest.GetAsync(url);
            var body = await response.BodyAsync();
            loads.Add((url, body.Length, GzippedLength(body)));
        }
        var total = loads.Sum(l => l.Gzipped);
        var lines = loads.Select(l => $"  {l.Gzipped,7} B gzip ({l.Plain} B)  {new Uri(l.Url).AbsolutePath}");
        var report = $"{pageName}: {total} B gzipped ({total / 1024.0:F1} KB)\n{string.Join('\n', lines)}\n";
        await File.WriteAllTextAsync(RepoPaths.TestResult("consoles", $"weight-{pageName}.txt"), report);
        return total;
    }

    public async Task AssertUnder100KbAsync(string pageName)
    {
        var total = await TotalAsync(pageName);
        Assert.True(total <= 100 * 1024, $"{pageName} weighs {total} B gzipped, over 100 KB");
    }

    private static int GzippedLength(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(body);
        }
        return output.ToArray().Length;
    }
}
