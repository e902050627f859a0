using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bob.Web.Http;

/// <summary>How a worked example authenticates: not at all, with the login token, or with a widget key from an allowed origin.</summary>
public enum ExampleAuth
{
    None,
    Bearer,
    WidgetKey,
}

/// <summary>One worked example: a call of one route of a tag, written out in curl, JavaScript (fetch) and Python (requests).</summary>
public sealed record ApiExample(string Tag, string Method, string Path, ExampleAuth Auth, string? Body, string Intro)
{
    private const string Host = "https://bob.example.com";

    private JsonNode? BodyJson => Body is null ? null : JsonNode.Parse(Body);

    public string Curl()
    {
        var lines = new List<string> { $"curl -X {Method} '{Host}{Path}'" };
        lines.AddRange(Headers().Select(h => $"  -H '{h.Name}: {h.CurlValue}'"));
        if (BodyJson is { } body)
        {
            lines.Add($"  -d '{body.ToJsonString()}'");
        }
        return string.Join(" \\\n", lines);
    }

    public string JavaScript()
    {
        var text = new StringBuilder();
        text.Append("const response = await fetch('").Append(Host).Append(Path).Append("', {\n  method: '").Append(Method).Append("',\n  headers: {\n");
        text.AppendJoin(",\n", Headers().Select(h => $"    '{h.Name}': {h.JsValue}")).Append("\n  },\n");
        if (BodyJson is { } body)
        {
            text.Append("  body: JSON.stringify(").Append(body.ToJsonString(Indented).Replace("\n", "\n  ", StringComparison.Ordinal)).Append(")\n");
        }
        text.Append("});\nconst data = await response.json(); // a problem (RFC 9457) with a `code` when !response.ok");
        return text.ToString();
    }

    public string Python()
    {
        var text = new StringBuilder("import requests\n\n");
        text.Append("response = requests.").Append(Method.ToLowerInvariant()).Append("(\n    '").Append(Host).Append(Path).Append("',\n    headers={\n");
        text.AppendJoin(",\n", Headers().Select(h => $"        '{h.Name}': {h.PyValue}")).Append("\n    },\n");
        if (BodyJson is { } body)
        {
            text.Append("    json=").Append(PythonLiteral(body.ToJsonString(Indented)).Replace("\n", "\n    ", StringComparison.Ordinal)).Append(",\n");
        }
        text.Append(")\ndata = response.json()");
        return text.ToString();
    }

    /// <summary>The tag's description: what the example does, then the three languages.</summary>
    public string Markdown() =>
        $"{Intro}\n\n**Example: `{Method} {Path}`**\n\n```bash\n{Curl()}\n```\n\n```js\n{JavaScript()}\n```\n\n```python\n{Python()}\n```";

    /// <summary>The operation's <c>x-codeSamples</c>, which the reference shows beside the request.</summary>
    public JsonArray CodeSamples() =>
    [
        new JsonObject { ["lang"] = "Shell", ["label"] = "curl", ["source"] = Curl() },
        new JsonObject { ["lang"] = "JavaScript", ["label"] = "JavaScript", ["source"] = JavaScript() },
        new JsonObject { ["lang"] = "Python", ["label"] = "Python", ["source"] = Python() },
    ];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private IEnumerable<(string Name, string CurlValue, string JsValue, string PyValue)> Headers()
    {
        if (Body is not null)
        {
            yield return ("Content-Type", "application/json", "'application/json'", "'application/json'");
        }
        if (Auth == ExampleAuth.Bearer)
        {
            yield return ("Authorization", "Bearer $BOB_TOKEN", "'Bearer ' + token", "f'Bearer {token}'");
        }
        if (Auth == ExampleAuth.WidgetKey)
        {
            yield return ("X-Widget-Key", "pk_live_...", "'pk_live_...'", "'pk_live_...'");
            yield return ("Origin", "https://your-customer-site.com", "'https://your-customer-site.com' // sent by the browser", "'https://your-customer-site.com'");
        }
    }

    private static string PythonLiteral(string json) =>
        json.Replace(": true", ": True", StringComparison.Ordinal).Replace(": false", ": False", StringComparison.Ordinal)
            .Replace(": null", ": None", StringComparison.Ordinal);
}
