using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Webhooks;
using Microsoft.OpenApi;

namespace Bob.Web.Http;

/// <summary>
/// The OpenAPI 3.1 <c>webhooks</c> section: one entry per event Bob posts, with its <c>{type, timestamp, data}</c> body
/// (<c>data</c> as <c>WebhookPayloads</c> writes it, snake_case) and the three Standard Webhooks signing headers.
/// docs/WEBHOOKS.md is the longer guide; every event type of <see cref="WebhookEventTypes"/> must be listed here.
/// </summary>
public static class OpenApiWebhooks
{
    private sealed record Field(string Name, JsonSchemaType Type, string? Format = null, bool Nullable = false, string? Description = null);

    private sealed record EventDoc(string Type, string Summary, IReadOnlyList<Field> Data);

    private static readonly Field SessionId = new("session_id", JsonSchemaType.String, Description: "The conversation (GET /api/chat/sessions/{id}).");

    private static readonly IReadOnlyList<EventDoc> Events =
    [
        new(WebhookEventTypes.ConversationStarted, "A conversation's first message is stored",
            [SessionId, new("channel", JsonSchemaType.String, Description: "widget, public or console."), new("status", JsonSchemaType.String),
             new("persona_id", JsonSchemaType.String, Nullable: true), new("started_at", JsonSchemaType.String, "date-time")]),
        new(WebhookEventTypes.MessageCreated, "A message is stored: the visitor's, the assistant's or an agent's (as stored: governance applied)",
            [SessionId, new("message_id", JsonSchemaType.String), new("seq", JsonSchemaType.Integer),
             new("role", JsonSchemaType.String, Description: "visitor, assistant, agent or system."), new("text", JsonSchemaType.String),
             new("author", JsonSchemaType.String, Nullable: true), new("citations", JsonSchemaType.Array, Description: "[{id, title}] of the articles the answer used."),
             new("handoff", JsonSchemaType.Boolean), new("created_at", JsonSchemaType.String, "date-time")]),
        new(WebhookEventTypes.HandoffRequested, "The assistant offered a human (reason assistant) or the visitor asked for one (reason visitor)",
            [SessionId, new("message_id", JsonSchemaType.String, Nullable: true), new("reason", JsonSchemaType.String, Description: "assistant or visitor."),
             new("status", JsonSchemaType.String), new("requested_at", JsonSchemaType.String, "date-time")]),
        new(WebhookEventTypes.CreditsThreshold, "The period's used credits reach 80 % and 100 % of the included credits (once each per period)",
            [new("threshold_percent", JsonSchemaType.Integer), new("credits_included", JsonSchemaType.Integer), new("credits_used", JsonSchemaType.Integer),
             new("period_start", JsonSchemaType.String, "date-time"), new("period_end", JsonSchemaType.String, "date-time")]),
        new(WebhookEventTypes.PersonaUpdated, "A persona is changed (change updated) or made the active one (change activated)",
            [new("persona_id", JsonSchemaType.String), new("version", JsonSchemaType.Integer), new("name", JsonSchemaType.String),
             new("active", JsonSchemaType.Boolean), new("change", JsonSchemaType.String, Description: "updated or activated."),
             new("updated_at", JsonSchemaType.String, "date-time")]),
        new(WebhookEventTypes.WidgetKeyRotated, "A widget key is rotated (the new key itself is never sent)",
            [new("widget_key_id", JsonSchemaType.String), new("name", JsonSchemaType.String), new("rotated_at", JsonSchemaType.String, "date-time")]),
        new(WebhookEventTypes.FeedbackCreated, "A widget visitor rates an assistant answer, or changes the rating (repeating the same rating sends nothing)",
            [SessionId, new("message_id", JsonSchemaType.String), new("rating", JsonSchemaType.String, Description: "up or down."),
             new("comment", JsonSchemaType.String, Nullable: true), new("created_at", JsonSchemaType.String, "date-time")]),
        new(WebhookEventTypes.Test, "Sent only by POST /api/webhooks/{id}/test, to that endpoint, whatever it subscribed to",
            [new("endpoint_id", JsonSchemaType.String), new("message", JsonSchemaType.String)]),
    ];

    private static readonly (string Name, string Description)[] SigningHeaders =
    [
        ("webhook-id", "The event's id (evt_…): the same on every retry and redelivery of one event. Use it to drop duplicates."),
        ("webhook-timestamp", "Unix seconds when this attempt was signed. Refuse one more than 5 minutes from your clock."),
        ("webhook-signature", "`v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed by the base64-decoded part of your `whsec_` secret. " +
            "During a secret rotation it holds two signatures separated by a space (the new secret's first): accept the request if any matches."),
    ];

    /// <summary>The event types documented here, for the test that every <see cref="WebhookEventTypes"/> is.</summary>
    public static IEnumerable<string> Documented => Events.Select(e => e.Type);

    public static void Describe(OpenApiDocument document)
    {
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var doc in Events)
        {
            var operation = new OpenApiOperation
            {
                Summary = doc.Summary,
                Description = $"Bob POSTs this to your endpoints subscribed to `{doc.Type}`, signed with the endpoint's secret, at least once, retried for about a day. " +
                    "Answer any 2xx quickly. Verify the signature against the raw body before parsing it (docs/WEBHOOKS.md has receivers in C# and JavaScript).",
                Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                Parameters = [.. SigningHeaders.Select(h => (IOpenApiParameter)new OpenApiParameter
                {
                    Name = h.Name, In = ParameterLocation.Header, Required = true, Description = h.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                })],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = Envelope(doc) } },
                },
                Responses = new OpenApiResponses
                {
                    ["2XX"] = new OpenApiResponse { Description = "Received. Any other answer, or none within the timeout, is retried." },
                },
            };
            var item = new OpenApiPathItem();
            item.AddOperation(HttpMethod.Post, operation);
            document.Webhooks[doc.Type] = item;
        }
    }

    /// <summary>The one list an event carries: an answer's citations, each an article's id and title.</summary>
    private static readonly OpenApiSchema Citation = new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "id", "title" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    private static OpenApiSchema Envelope(EventDoc doc) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "type", "timestamp", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(doc.Type)!] },
            ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When it happened (UTC)." },
            ["data"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = doc.Data.Select(f => f.Name).ToHashSet(),
                Properties = doc.Data.ToDictionary(f => f.Name, f => (IOpenApiSchema)new OpenApiSchema
                {
                    Type = f.Nullable ? f.Type | JsonSchemaType.Null : f.Type,
                    Format = f.Format,
                    Description = f.Description,
                    Items = f.Type.HasFlag(JsonSchemaType.Array) ? Citation : null,
                }),
            },
        },
    };
}
