using Bob.Assistant;
using Bob.Assistant.Retrieval;
using Bob.Assistant.Safety;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Conversations;

namespace Bob.Grains.Insights;

/// <summary>
/// Reads what a change adds to the insights from the transcript before it and the change itself: a conversation's first
/// visitor message opens it; its first handoff (of any kind) hands it off, once; its first reply (assistant or agent) is
/// its first answer; an assistant answer is grounded when it cites an article, and its question is unanswered when the
/// assistant found nothing to ground it on (a "don't know" handoff, or a hosted-model answer without a passage).
/// </summary>
public static class TurnInsights
{
    public static TurnInsight? For(Transcript before, TranscriptChange change, TurnHint hint)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(hint);
        var prior = before.Messages;
        var added = change.Messages;
        if (added.Count == 0)
        {
            return null;
        }
        var visitor = Find(added, m => m.Role == TranscriptRole.Visitor);
        var answer = Find(added, m => m.Role == TranscriptRole.Assistant);
        var asksForHuman = visitor is not null && HumanRequestDetector.AsksForHuman(visitor.Text);
        var insight = new TurnInsight(
            before.Tenant, before.Id.Value, added[^1].CreatedAt,
            OpensConversation: visitor is not null && !prior.Any(m => m.Role == TranscriptRole.Visitor),
            Answered: answer is not null,
            Grounded: answer is { Citations.Count: > 0 },
            Unanswered: visitor is not null && answer is not null && IsUngrounded(answer, asksForHuman, hint.Engine) ? Question(visitor) : null,
            Handoff: prior.Any(m => m.Handoff || m.Role == TranscriptRole.System) ? null : HandoffOf(change, answer, asksForHuman, hint),
            FirstAnswerMs: FirstAnswerMs(prior, added, visitor, hint));
        return insight.IsEmpty ? null : insight;
    }

    private static bool IsUngrounded(TranscriptMessage answer, bool asksForHuman, string? engine) =>
        answer.Citations.Count == 0 && (answer.Handoff ? !asksForHuman : engine == AssistantEngineNames.Hosted);

    private static UnansweredQuestion? Question(TranscriptMessage visitor)
    {
        var terms = TextAnalyzer.Terms(visitor.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return terms.Count == 0 ? null : new UnansweredQuestion(visitor.MessageId, visitor.Text, string.Join(' ', terms));
    }

    private static HandoffReason? HandoffOf(TranscriptChange change, TranscriptMessage? answer, bool asksForHuman, TurnHint hint)
    {
        if (answer is { Handoff: true })
        {
            return asksForHuman ? HandoffReason.VisitorAsked : HandoffReason.NoGroundedAnswer;
        }
        if (!ConversationStatus.IsWithHumans(change.Row.Status))
        {
            return null;
        }
        return hint.Handoff ?? (change.Row.Status == ConversationStatus.Human ? HandoffReason.AgentTookOver : HandoffReason.VisitorAsked);
    }

    private static long? FirstAnswerMs(IReadOnlyList<TranscriptMessage> prior, IReadOnlyList<TranscriptMessage> added, TranscriptMessage? visitor, TurnHint hint)
    {
        var reply = Find(added, IsReply);
        if (reply is null || prior.Any(IsReply))
        {
            return null;
        }
        // The turn's own visitor message is stamped when it commits, after the engine ran: the turn's receipt is its start.
        var asked = Find(prior, m => m.Role == TranscriptRole.Visitor)?.CreatedAt ?? (visitor is null ? null : hint.Received);
        return asked is { } start ? Math.Max(0, (long)(reply.CreatedAt - start).TotalMilliseconds) : null;
    }

    private static bool IsReply(TranscriptMessage message) => message.Role is TranscriptRole.Assistant or TranscriptRole.Agent;

    private static TranscriptMessage? Find(IReadOnlyList<TranscriptMessage> messages, Func<TranscriptMessage, bool> match)
    {
        foreach (var message in messages)
        {
            if (match(message))
            {
                return message;
            }
        }
        return null;
    }
}
