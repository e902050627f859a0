using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>
/// One conversation, keyed "tenantId/conversationId" (<see cref="ConversationGrains.GetConversation"/>). Its transcript is appended to PostgreSQL (not rewritten)
/// and every turn is durable before it is acknowledged. A retried turn with the same client message id
/// returns the stored reply instead of answering twice.
/// </summary>
[Alias("bob.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Opens the conversation explicitly (Mission Control); a first message opens it implicitly.</summary>
    [Alias("Start")]
    Task<Result<ConversationView>> StartAsync(ChatChannel channel, string? personaId, string? title, string? startedBy);

    [Alias("Send")]
    Task<Result<ChatReply>> SendAsync(ChatTurn turn);

    [Alias("Stream")]
    IAsyncEnumerable<ChatStreamItem> StreamAsync(ChatTurn turn);

    [Alias("Get")]
    Task<ConversationView?> GetAsync();

    [Alias("Takeover")]
    Task<Result<ConversationView>> TakeoverAsync(string agentUserId);

    [Alias("Release")]
    Task<Result<ConversationView>> ReleaseAsync(string agentUserId);

    /// <summary>A human agent's message to the visitor; takes the conversation over if nobody has.</summary>
    [Alias("AgentReply")]
    Task<Result<TranscriptMessage>> AgentReplyAsync(string agentUserId, string text, string? clientMessageId);

    /// <summary>The conversation as its widget visitor may read it: refused without the visitor token that its first
    /// turn issued (<c>visitor_token_required</c>, <c>invalid_visitor_token</c>) unless <paramref name="verifiedUserId"/> is
    /// the signed-in visitor who opened it, and not found on other paths.</summary>
    [Alias("VisitorView")]
    Task<Result<ConversationView>> VisitorViewAsync(string? visitorToken, string? verifiedUserId = null);

    /// <summary>The widget visitor asks for a human: the conversation (opened now if needed) waits for an agent and
    /// the assistant stays silent until one takes over or releases it. Idempotent.</summary>
    [Alias("RequestHuman")]
    Task<Result<HumanRequested>> RequestHumanAsync(HumanRequest request);

    /// <summary>Events after <paramref name="afterSequence"/>, waiting up to <paramref name="maxWait"/> for the first one.</summary>
    [Alias("WaitForEvents"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<ConversationEvent>> WaitForEventsAsync(long afterSequence, TimeSpan maxWait);
}
