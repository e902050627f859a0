using Bob.Grains.Abstractions.Conversations;

namespace Bob.Grains.Conversations;

/// <summary>A visitor message already in the transcript under a client message id, and the answer it got (none when a human had the conversation).</summary>
public sealed record EarlierTurn(ConversationId Conversation, TranscriptMessage Visitor, TranscriptMessage? Answer)
{
    /// <summary>The reply the first attempt got, with the current credit balance.</summary>
    public ChatReply Reply(ChatPersona persona, ChatCredits credits) => Answer is null
        ? new ChatReply(Conversation, Visitor.MessageId, "", persona, [], true, credits, ConversationStatus.Human)
        : new ChatReply(Conversation, Answer.MessageId, Answer.Text, persona with { Name = Answer.Author ?? persona.Name },
            Answer.Citations, Answer.Handoff, credits, ConversationStatus.Assistant);
}
