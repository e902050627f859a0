using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>Visitors' feedback (stateless; key 0): checks the visitor owns the conversation and rates an assistant answer.</summary>
[Alias("bob.IFeedbackGrain")]
public interface IFeedbackGrain : IGrainWithIntegerKey
{
    /// <summary>Records (or replaces) the visitor's rating of one assistant answer; a changed rating raises <c>feedback.created</c>.</summary>
    [Alias("RateMessage")]
    Task<Result<MessageFeedback>> RateMessageAsync(TenantId tenant, MessageFeedbackInput input);

    [Alias("RateConversation")]
    Task<Result<ConversationRating>> RateConversationAsync(TenantId tenant, ConversationRatingInput input);

    [Alias("ForConversation")]
    Task<ConversationFeedback> ForConversationAsync(TenantId tenant, ConversationId conversation);
}
