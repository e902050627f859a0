using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Web.Http;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Errors;

/// <summary>What the API reference shows beyond the routes: a worked example per route group, and the webhooks Bob sends.</summary>
public sealed class ApiReferenceDocumentTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private async Task<JsonObject> DocumentAsync() => await (await app.CreateClient().GetAsync(OpenApiSetup.DocumentPath)).OkJsonAsync();

    [Fact]
    public async Task Every_tag_an_operation_uses_has_a_worked_example_in_curl_JavaScript_and_Python()
    {
        var document = await DocumentAsync();
        var used = document["paths"]!.AsObject()
            .Where(path => path.Key.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(path => path.Value!.AsObject().Select(op => op.Value))
            .OfType<JsonObject>()
            .SelectMany(op => op["tags"]?.AsArray().Select(t => t!.GetValue<string>()) ?? [])
            .ToHashSet();
        var tags = document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>() ?? "");

        Assert.NotEmpty(used);
        foreach (var tag in used)
        {
            Assert.True(tags.TryGetValue(tag, out var description), $"tag {tag} is not described");
            Assert.Contains("```bash\ncurl -X ", description, StringComparison.Ordinal);
            Assert.Contains("```js\nconst response = await fetch(", description, StringComparison.Ordinal);
            Assert.Contains("```python\nimport requests", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_examples_operation_carries_it_as_code_samples()
    {
        var document = await DocumentAsync();

        var operation = document["paths"]!["/api/chat/message"]!["post"]!;
        var samples = operation["x-codeSamples"]!.AsArray();
        Assert.Equal(["curl", "JavaScript", "Python"], samples.Select(s => s!["label"]!.GetValue<string>()));
        Assert.Contains("'Authorization': 'Bearer ' + token", samples[1]!["source"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("requests.post(", samples[2]!["source"]!.GetValue<string>(), StringComparison.Ordinal);
        var withCodeSamples = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(op => op.Value?["x-codeSamples"] is not null).Select(op => $"{op.Key.ToUpperInvariant()} {p.Key}"))
            .ToList();
        var examples = ApiExampleCatalog.All.Select(e => $"{e.Method} {e.Path.Split('?')[0].Replace("t_123", "{id}", StringComparison.Ordinal)}");
        Assert.Equal(examples.Order(), withCodeSamples.Order());
    }

    [Fact]
    public async Task The_webhooks_section_lists_every_event_with_its_payload_and_the_signing_headers()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var webhooks = document["webhooks"]!.AsObject();
        Assert.Equal(WebhookEventTypes.All.Append(WebhookEventTypes.Test).Order(), webhooks.Select(w => w.Key).Order());
        foreach (var (type, item) in webhooks)
        {
            var post = item!["post"]!;
            Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], post["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
            Assert.All(post["parameters"]!.AsArray(), p => Assert.Equal("header", p!["in"]!.GetValue<string>()));
            var body = post["requestBody"]!["content"]!["application/json"]!["schema"]!;
            Assert.Equal(type, body["properties"]!["type"]!["enum"]![0]!.GetValue<string>());
            Assert.NotEmpty(body["properties"]!["data"]!["properties"]!.AsObject());
        }
        var message = webhooks["message.created"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!["data"]!["properties"]!;
        Assert.Equal(["session_id", "message_id", "seq", "role", "text", "author", "citations", "handoff", "created_at"], message.AsObject().Select(p => p.Key));
    }
}
