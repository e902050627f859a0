using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;

namespace Bob.Grains.Webhooks;

/// <summary>
/// Every event body, in one place: <c>{type, timestamp, data}</c> (the Standard Webhooks shape), <c>data</c> in snake_case with
/// the ids a receiver fetches the thing by (session_id, message_id, persona_id, widget_key_id). docs/WEBHOOKS.md shows each.
/// </summary>
public static class WebhookPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static OutboxEvent ConversationStarted(TenantId tenant, ConversationId conversation, ChatChannel channel, string status, string? personaId, DateTimeOffset at) =>
        Event(tenant, WebhookEventTypes.ConversationStarted, at, new ConversationStartedData(conversation.Value, ChannelName(channel), status, personaId, at));

    public static OutboxEvent MessageCreated(TenantId tenant, ConversationId conversation, TranscriptMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Event(tenant, WebhookEventTypes.MessageCreated, message.CreatedAt, new MessageCreatedData(conversation.Value, message.MessageId, message.Seq,
            RoleName(message.Role), message.Text, message.Author, [.. message.Citations.Select(c => new CitationData(c.Id, c.Title))], message.Handoff, message.CreatedAt));
    }

    public static OutboxEvent HandoffRequested(TenantId tenant, ConversationId conversation, string? messageId, string reason, string status, DateTimeOffset at) =>
        Event(tenant, WebhookEventTypes.HandoffRequested, at, new HandoffRequestedData(conversation.Value, messageId, reason, status, at));

    /// <summary>Its id is derived from the tenant, period and threshold, so the outbox takes it once per period however often it is raised.</summary>
    public static OutboxEvent CreditsThreshold(TenantId tenant, int thresholdPercent, int included, int used, DateTimeOffset periodStart, DateTimeOffset periodEnd, DateTimeOffset at) =>
        Event(tenant, WebhookEventTypes.CreditsThreshold, at, new CreditsThresholdData(thresholdPercent, included, used, periodStart, periodEnd),
            DerivedId($"{tenant.Value}|credits|{periodStart:yyyy-MM}|{thresholdPercent}"));

    public static OutboxEvent PersonaUpdated(TenantId tenant, string personaId, int version, string name, bool active, string change, DateTimeOffset at) =>
        Event(tenant, WebhookEventTypes.PersonaUpdated, at, new PersonaUpdatedData(personaId, version, name, active, change, at));

    public static OutboxEvent WidgetKeyRotated(TenantId tenant, string widgetKeyId, string name, DateTimeOffset at) =>
        Event(tenant, WebhookEventTypes.WidgetKeyRotated, at, new WidgetKeyRotatedData(widgetKeyId, name, at));

    /// <summary>A visitor rated an answer (or changed their rating): the rating in force.</summary>
    public static OutboxEvent FeedbackCreated(TenantId tenant, MessageFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return Event(tenant, WebhookEventTypes.FeedbackCreated, feedback.CreatedAt,
            new FeedbackCreatedData(feedback.ConversationId.Value, feedback.MessageId, feedback.Rating, feedback.Comment, feedback.CreatedAt));
    }

    public static OutboxEvent Test(TenantId tenant, string endpointId, DateTimeOffset at) =>
        Event(tenant, WebhookEventTypes.Test, at, new TestData(endpointId, "This is a test event from Bob."), endpointId: endpointId);

    public static string ChannelName(ChatChannel channel) => channel switch
    {
        ChatChannel.Public => "public",
        ChatChannel.Widget => "widget",
        ChatChannel.Console => "console",
        _ => "other",
    };

    public static string RoleName(TranscriptRole role) => role switch
    {
        TranscriptRole.Visitor => "visitor",
        TranscriptRole.Assistant => "assistant",
        TranscriptRole.Agent => "agent",
        _ => "system",
    };

    private static OutboxEvent Event<T>(TenantId tenant, string type, DateTimeOffset at, T data, string? id = null, string? endpointId = null) =>
        new(id ?? Ids.New(IdPrefixes.WebhookEvent), tenant, type, at, JsonSerializer.Serialize(new Envelope<T>(type, at.ToUniversalTime(), data), Json), endpointId);

    private static string DerivedId(string identity) =>
        IdPrefixes.WebhookEvent + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity)))[..22]
            .Replace('+', '-').Replace('/', '_');

    private sealed record Envelope<T>(string Type, DateTimeOffset Timestamp, T Data);

    private sealed record ConversationStartedData(string SessionId, string Channel, string Status, string? PersonaId, DateTimeOffset StartedAt);

    private sealed record CitationData(string Id, string Title);

    private sealed record FeedbackCreatedData(string SessionId, string MessageId, string Rating, string? Comment, DateTimeOffset CreatedAt);

    private sealed record MessageCreatedData(string SessionId, string MessageId, int Seq, string Role, string Text, string? Author,
        IReadOnlyList<CitationData> Citations, bool Handoff, DateTimeOffset CreatedAt);

    private sealed record HandoffRequestedData(string SessionId, string? MessageId, string Reason, string Status, DateTimeOffset RequestedAt);

    private sealed record CreditsThresholdData(int ThresholdPercent, int CreditsIncluded, int CreditsUsed, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd);

    private sealed record PersonaUpdatedData(string PersonaId, int Version, string Name, bool Active, string Change, DateTimeOffset UpdatedAt);

    private sealed record WidgetKeyRotatedData(string WidgetKeyId, string Name, DateTimeOffset RotatedAt);

    private sealed record TestData(string EndpointId, string Message);
}
