using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Insights;

/// <summary>Why a conversation went to a human (see <see cref="Abstractions.Insights.HandoffCounts"/>).</summary>
public enum HandoffReason
{
    Keyword = 0,
    VisitorAsked = 1,
    NoGroundedAnswer = 2,
    AgentTookOver = 3,
}

/// <summary>What the grain knows of a change that the change itself does not say: why it hands off (a keyword, the
/// widget's button), which engine answered, and when the turn was received (its visitor message is stamped at commit).</summary>
public sealed record TurnHint(DateTimeOffset Received, HandoffReason? Handoff = null, string? Engine = null);

/// <summary>A visitor question the assistant could not ground, with its analyzed terms (sorted, distinct, space-separated).</summary>
public sealed record UnansweredQuestion(string MessageId, string Question, string Terms);

/// <summary>What one committed change adds to its tenant's insights, written in the same batch as its messages.</summary>
public sealed record TurnInsight(
    TenantId Tenant,
    string SessionId,
    DateTimeOffset At,
    bool OpensConversation,
    bool Answered,
    bool Grounded,
    UnansweredQuestion? Unanswered,
    HandoffReason? Handoff,
    long? FirstAnswerMs)
{
    public DateOnly Day => DateOnly.FromDateTime(At.UtcDateTime);

    /// <summary>Nothing to count (e.g. a release, or an agent's second message).</summary>
    public bool IsEmpty => !OpensConversation && !Answered && Handoff is null && FirstAnswerMs is null;
}
