using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>The widget's script files as a browser on another site fetches them.</summary>
public sealed partial class WidgetAssetsTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private const int LoaderGzipBudget = 3 * 1024;
    private const int PanelGzipBudget = 25 * 1024;

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        request.Headers.Add("Origin", "https://any-shop.example.org");
        return await app.CreateClient().SendAsync(request);
    }

    private async Task<string> PanelPathAsync()
    {
        var loader = await (await GetAsync("/widget/loader.js")).Content.ReadAsStringAsync();
        return "/widget/" + PanelFile().Match(loader).Value;
    }

    [Fact]
    public async Task Loader_is_javascript_cached_briefly_and_embeddable_from_any_site()
    {
        var response = await GetAsync("/widget/loader.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("public, max-age=300", ChatApi.Header(response, "Cache-Control"));
        Assert.Equal("cross-origin", ChatApi.Header(response, "Cross-Origin-Resource-Policy"));
        Assert.Equal("*", ChatApi.Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("nosniff", ChatApi.Header(response, "X-Content-Type-Options"));
        Assert.Null(ChatApi.Header(response, "X-Frame-Options"));
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("Accept-Encoding", ChatApi.Header(response, "Vary"), StringComparison.Ordinal);
        Assert.Matches(PanelFile(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hashed_panel_is_cached_for_a_year_as_immutable()
    {
        var response = await GetAsync(await PanelPathAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", ChatApi.Header(response, "Cache-Control"));
        Assert.Equal("cross-origin", ChatApi.Header(response, "Cross-Origin-Resource-Policy"));
        Assert.Equal("*", ChatApi.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Brotli_and_gzip_are_served_to_clients_that_accept_them_and_decode_to_the_same_script()
    {
        var plain = await (await GetAsync("/widget/loader.js")).Content.ReadAsByteArrayAsync();
        var brotli = await GetAsync("/widget/loader.js", "gzip, deflate, br");
        var gzip = await GetAsync("/widget/loader.js", "gzip");
        var refused = await GetAsync("/widget/loader.js", "br;q=0, gzip;q=0");

        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Empty(refused.Content.Headers.ContentEncoding);
        Assert.Equal(plain, Decode(await brotli.Content.ReadAsByteArrayAsync(), "br"));
        Assert.Equal(plain, Decode(await gzip.Content.ReadAsByteArrayAsync(), "gzip"));
        Assert.Equal(plain, await refused.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(brotli.Headers.ETag, gzip.Headers.ETag);
    }

    [Fact]
    public async Task A_revalidation_with_the_current_etag_answers_304_without_a_body()
    {
        var first = await GetAsync("/widget/loader.js", "gzip");

        var again = await GetAsync("/widget/loader.js", "gzip", first.Headers.ETag!.Tag);
        var otherEncoding = await GetAsync("/widget/loader.js", "br", first.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=300", ChatApi.Header(again, "Cache-Control"));
        Assert.Equal(HttpStatusCode.OK, otherEncoding.StatusCode);
    }

    [Fact]
    public async Task Unknown_widget_files_are_a_404_problem()
    {
        foreach (var path in new[] { "/widget/panel.000000000000.js", "/widget/manifest.json", "/widget/..%2Fappsettings.json", "/widget/loader.js.gz" })
        {
            var response = await GetAsync(path);
            await response.AssertProblemAsync(404, "not_found");
        }
    }

    [Fact]
    public async Task Loader_stays_within_3_KB_and_the_panel_within_25_KB_gzipped()
    {
        var loader = await (await GetAsync("/widget/loader.js", "gzip")).Content.ReadAsByteArrayAsync();
        var panel = await (await GetAsync(await PanelPathAsync(), "gzip")).Content.ReadAsByteArrayAsync();

        Assert.True(loader.Length <= LoaderGzipBudget, $"loader.js is {loader.Length} bytes gzipped; the budget is {LoaderGzipBudget}.");
        Assert.True(panel.Length <= PanelGzipBudget, $"the panel is {panel.Length} bytes gzipped; the budget is {PanelGzipBudget}.");
    }

    private static byte[] Decode(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"panel\.[0-9a-f]{12}\.js")]
    private static partial Regex PanelFile();
}
