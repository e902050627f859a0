using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Webhooks;
using Orleans.Concurrency;

namespace Bob.Grains.Feedback;

/// <summary>
/// Visitors' feedback. The conversation decides who may rate (its visitor token, or the signed-in visitor who opened it,
/// exactly as for reading it) and which message is an assistant answer of it; the store keeps the latest rating.
/// </summary>
[StatelessWorker]
public sealed class FeedbackGrain(FeedbackStore store, TimeProvider time) : Grain, IFeedbackGrain
{
    public async Task<Result<MessageFeedback>> RateMessageAsync(TenantId tenant, MessageFeedbackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var owned = await OwnedAsync(tenant, input.ConversationId, input.Visitor);
        if (!owned.IsSuccess)
        {
            return owned.Failure!;
        }
        var message = owned.Value!.Messages.FirstOrDefault(m => m.MessageId == input.MessageId);
        if (message is null)
        {
            return Failure.NotFound("Message");
        }
        if (message.Role != TranscriptRole.Assistant)
        {
            return Failure.Validation("message_id", "Only the assistant's answers can be rated.");
        }
        var feedback = new MessageFeedback(input.ConversationId, message.MessageId, input.Rating, Comment(input.Comment), time.GetUtcNow());
        return await store.RateMessageAsync(tenant, feedback, WebhookPayloads.FeedbackCreated(tenant, feedback));
    }

    public async Task<Result<ConversationRating>> RateConversationAsync(TenantId tenant, ConversationRatingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var owned = await OwnedAsync(tenant, input.ConversationId, input.Visitor);
        if (!owned.IsSuccess)
        {
            return owned.Failure!;
        }
        if (!owned.Value!.Messages.Any(m => m.Role == TranscriptRole.Assistant))
        {
            return Failure.Validation("session_id", "A conversation can be rated once the assistant has answered in it.");
        }
        return await store.RateConversationAsync(tenant, new ConversationRating(input.ConversationId, input.Score, Comment(input.Comment), time.GetUtcNow()));
    }

    public Task<ConversationFeedback> ForConversationAsync(TenantId tenant, ConversationId conversation) => store.ForConversationAsync(tenant, conversation);

    private Task<Result<ConversationView>> OwnedAsync(TenantId tenant, ConversationId conversation, VisitorAccess visitor) =>
        GrainFactory.GetConversation(tenant, conversation).VisitorViewAsync(visitor.Token, visitor.Verified?.UserId);

    private static string? Comment(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : StorableText.Clean(comment.Trim());
}
