using System.Net;
using Bob.Browser.Tests.Infrastructure;

namespace Bob.Browser.Tests.Widget;

/// <summary>Host pages that embed the widget exactly as a tenant would: the embed tag, the host's own script and styles.</summary>
public static class WidgetPages
{
    public const string PlainCss = """
        body { margin: 0; padding: 24px; font-family: Georgia, serif; background: #ffffff; color: #1a1a1a; }
        main { max-width: 720px; }
        """;

    /// <summary>Styles a careless or hostile host page might carry: universal !important rules, inherited fonts,
    /// and the very class names the widget uses.</summary>
    public const string HostileCss = """
        * { font-family: "Comic Sans MS", cursive !important; color: #ff0000 !important; letter-spacing: 3px !important; box-sizing: content-box !important; line-height: 3 !important; }
        html, body { font-size: 30px; background: #ffffe0; text-align: right; direction: ltr; }
        button, textarea, div, p, span, h2, form { background: #00ff00 !important; border: 6px dashed #ff00ff !important; padding: 30px !important; margin: 20px !important; border-radius: 0 !important; }
        .launcher, .panel, .messages, .bubble, .send, .header, .frame { display: none !important; position: static !important; width: 10px !important; }
        svg, path { fill: #ff00ff !important; width: 200px !important; }
        """;

    /// <summary>The stub docs/WIDGET.md gives hosts: calls made before the loader ran (or when it never runs) are queued, never thrown.</summary>
    public const string StubScript = """
        window.Bob = window.Bob || { q: [] };
        ['open', 'close', 'send', 'on'].forEach(function (m) { window.Bob[m] = window.Bob[m] || function () { window.Bob.q.push([m, arguments]); }; });
        """;

    /// <summary>Publishes a page on the host site that embeds the widget with <paramref name="key"/>.</summary>
    /// <param name="attributes">extra attributes for the script tag, e.g. <c>data-position="bottom-left"</c></param>
    /// <param name="script">the host's page script, run before the loader (a stub queue, event listeners)</param>
    /// <param name="loaderBase">where the loader comes from (default: the test's Bob)</param>
    /// <param name="withWidget">false for the same page without the embed tag</param>
    public static Uri PublishWidgetPage(this BrowserWorld world, string key, string attributes = "", string css = PlainCss, string script = "",
        Uri? loaderBase = null, bool withWidget = true, bool strictCsp = true)
    {
        var bob = loaderBase ?? world.Bob.ServerAddress;
        var bobOrigin = bob.GetLeftPart(UriPartial.Authority);
        // What docs/WIDGET.md tells a host with a CSP to allow: Bob in script-src and connect-src, nothing for styles.
        var csp = strictCsp ? $"default-src 'none'; script-src 'self' {bobOrigin}; connect-src {bobOrigin}; style-src 'self'; img-src 'self'" : null;
        return world.Site.Publish(id => new HostPage(
            $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Example shop</title>
              <link rel="stylesheet" href="/css/{id}">
            </head>
            <body>
              <header><h1>Example shop</h1></header>
              <main>
                <p id="intro" class="messages">Handmade goods, shipped worldwide.</p>
                <button id="host-button" class="launcher send" type="button">Add to basket</button>
                <p id="host-status" class="bubble"></p>
                <label for="host-notes">Notes</label>
                <textarea id="host-notes" class="composer"></textarea>
              </main>
              <script src="/host.js"></script>
              <script src="/js/{id}"></script>
              {(withWidget ? $"""<script src="{bob}widget/loader.js" data-widget-key="{WebUtility.HtmlEncode(key)}" {attributes} async></script>""" : "")}
            </body>
            </html>
            """,
            css,
            script,
            csp));
    }
}
