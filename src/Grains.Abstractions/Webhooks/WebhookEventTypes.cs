namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>The events a webhook endpoint can subscribe to (docs/WEBHOOKS.md shows each payload). A closed set: never rename one.</summary>
public static class WebhookEventTypes
{
    public const string ConversationStarted = "conversation.started";
    public const string MessageCreated = "message.created";
    public const string HandoffRequested = "handoff.requested";
    public const string CreditsThreshold = "credits.threshold";
    public const string PersonaUpdated = "persona.updated";
    public const string WidgetKeyRotated = "widget_key.rotated";
    public const string FeedbackCreated = "feedback.created";

    /// <summary>Sent only by <c>POST /api/webhooks/{id}/test</c>, to that endpoint, whatever it subscribed to.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> All =
        [ConversationStarted, MessageCreated, HandoffRequested, CreditsThreshold, PersonaUpdated, WidgetKeyRotated, FeedbackCreated];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
