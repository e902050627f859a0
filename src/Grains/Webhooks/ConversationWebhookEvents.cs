using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Grains.Conversations;

namespace Bob.Grains.Webhooks;

/// <summary>
/// The events one transcript change raises, built from the very message objects that are stored (so whatever the store
/// keeps — redacted text included — is what receivers get): <c>conversation.started</c> when the change opens the
/// conversation, <c>message.created</c> per message, <c>handoff.requested</c> when the assistant offers a human or the
/// conversation starts waiting for one. Given the tenant's <see cref="WebhookSubscriptions"/>, only the events some
/// endpoint wants are built (none, and no payload serialized, for a tenant without webhooks); without, all of them.
/// </summary>
public static class ConversationWebhookEvents
{
    public static IReadOnlyList<OutboxEvent> For(TenantId tenant, ConversationId conversation, ConversationRow? before, TranscriptChange change, WebhookSubscriptions? wanted = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (wanted is { Any: false })
        {
            return [];
        }
        bool Wants(string type) => wanted is null || wanted.Wants(type);
        var events = new List<OutboxEvent>(change.Messages.Count + 2);
        var row = change.Row;
        if (before is null && Wants(WebhookEventTypes.ConversationStarted))
        {
            events.Add(WebhookPayloads.ConversationStarted(tenant, conversation, row.Channel, row.Status, row.PersonaId, row.StartedAt));
        }
        if (Wants(WebhookEventTypes.MessageCreated))
        {
            foreach (var message in change.Messages)
            {
                events.Add(WebhookPayloads.MessageCreated(tenant, conversation, message));
            }
        }
        if (!Wants(WebhookEventTypes.HandoffRequested))
        {
            return events;
        }
        if (change.Messages.LastOrDefault(m => m.Role == TranscriptRole.Assistant && m.Handoff) is { } offer)
        {
            events.Add(WebhookPayloads.HandoffRequested(tenant, conversation, offer.MessageId, HandoffReasons.Assistant, row.Status, offer.CreatedAt));
        }
        else if (row.Status == ConversationStatus.Waiting && before?.Status != ConversationStatus.Waiting)
        {
            var at = change.Messages.Count > 0 ? change.Messages[^1].CreatedAt : row.LastMessageAt;
            events.Add(WebhookPayloads.HandoffRequested(tenant, conversation, change.Messages.Count > 0 ? change.Messages[^1].MessageId : null, HandoffReasons.Visitor, row.Status, at));
        }
        return events;
    }
}
