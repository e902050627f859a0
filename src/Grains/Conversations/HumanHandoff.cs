using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Audit;
using Bob.Grains.Insights;

namespace Bob.Grains.Conversations;

/// <summary>
/// The changes of who answers a conversation, each run under its turn lock: a human agent takes it over, replies in it
/// (taking it over first if needed) or gives it back to the assistant, and a widget visitor asks for a person. An agent's
/// change of who answers is audited with the status before and after; none of these holds or charges a credit.
/// </summary>
public sealed class HumanHandoff(TranscriptKeeper keeper, ITurnSources sources, ConversationCaps caps, IGrainFactory grains)
{
    private Transcript Transcript => keeper.Transcript;

    public async Task<Result<ConversationView>> TakeoverAsync(string agentUserId)
    {
        if (!Transcript.Exists)
        {
            return Failure.NotFound("Conversation");
        }
        if (Transcript.Takeover(agentUserId) is { } change)
        {
            await CommitAuditedAsync(change, AuditActions.ConversationTakenOver);
        }
        return Transcript.View();
    }

    public async Task<Result<ConversationView>> ReleaseAsync()
    {
        if (!Transcript.Exists)
        {
            return Failure.NotFound("Conversation");
        }
        if (!Transcript.HumanHasIt)
        {
            return new Failure(FailureCodes.ConversationNotTakenOver, "No human agent has taken this conversation over.");
        }
        await CommitAuditedAsync(Transcript.Release(), AuditActions.ConversationReleased);
        return Transcript.View();
    }

    public async Task<Result<TranscriptMessage>> AgentReplyAsync(string agentUserId, string text, string? clientMessageId)
    {
        if (!Transcript.Exists)
        {
            return Failure.NotFound("Conversation");
        }
        if (ChatMessageRule.Check(text) is { } invalid)
        {
            return invalid;
        }
        if (clientMessageId is not null && Transcript.EarlierAgentMessage(clientMessageId) is { } earlier)
        {
            return earlier;
        }
        var change = Transcript.AgentReply(agentUserId, text, clientMessageId);
        var takesOver = Transcript.Row!.Status != ConversationStatus.Human || Transcript.Row.TakenOverBy != agentUserId;
        await (takesOver ? CommitAuditedAsync(change, AuditActions.ConversationTakenOver) : keeper.CommitAsync(change));
        return change.Messages[^1];
    }

    /// <summary>The widget visitor asks for a person: checked like a turn's message, governed like one, and the conversation
    /// (opened now when new, issuing the visitor's token) waits for an agent.</summary>
    public async Task<Result<HumanRequested>> RequestHumanAsync(HumanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Transcript.BelongsTo(ChatChannel.Widget))
        {
            return Failure.NotFound("Conversation");
        }
        if ((Transcript.VisitorRefusal(request.Visitor) ?? (request.Message is null ? null : ChatMessageRule.Check(request.Message))
            ?? (request.Message is null ? null : caps.Refusal(Transcript, ChatChannel.Widget, request.Message))) is { } refused)
        {
            return refused;
        }
        if (await sources.TenantAsync(Transcript.Tenant) is not { Settings.Suspended: false } tenant)
        {
            return new Failure(FailureCodes.TenantSuspended, "This business's assistant is suspended.");
        }
        var issued = Transcript.OpensVisitorConversation(ChatChannel.Widget) ? VisitorTokens.Issue(request.Visitor) : null;
        request = request with { Message = await TurnAdmission.GovernedAsync(tenant, request.Message) };
        if (Transcript.RequestHuman(request, issued) is { } change)
        {
            await keeper.CommitAsync(change, await tenant.WebhookSubscriptionsAsync(), HandoffReason.VisitorAsked);
        }
        return new HumanRequested(Transcript.Id, Transcript.Row!.Status, issued);
    }

    /// <summary>A human's change of who answers (takeover, release): committed, then audited with the status before and after.</summary>
    private async Task CommitAuditedAsync(TranscriptChange change, string action)
    {
        var before = Transcript.Row!;
        await keeper.CommitAsync(change);
        await grains.AuditAsync(Transcript.Tenant, action, new AuditTarget(AuditTargetTypes.Conversation, Transcript.Id.Value),
            AuditSummaries.Conversation(before.Status, before.TakenOverBy), AuditSummaries.Conversation(change.Row.Status, change.Row.TakenOverBy));
    }
}
