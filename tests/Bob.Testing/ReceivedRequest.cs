using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bob.Testing;

public sealed record ReceivedRequest(string Body, string Authorization)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public IReadOnlyList<(string Role, string Content)> Messages =>
        Json["messages"]!.AsArray().Select(message => (message!["role"]!.ToString(), ContentOf(message!["content"]))).ToList();

    private static string ContentOf(JsonNode? content) => content switch
    {
        JsonArray parts => string.Concat(parts.Select(part => part?["text"]?.ToString())),
        null => string.Empty,
        _ => content.GetValueKind() == JsonValueKind.String ? content.GetValue<string>() : content.ToJsonString(),
    };
}
