namespace Bob.Grains.Abstractions.Insights;

/// <summary>Why a conversation went to a human: a handoff keyword, the visitor asked (in words or with the widget's
/// button), the assistant found no grounded answer, or an agent took it over unasked. Counted once per conversation.</summary>
[GenerateSerializer, Immutable, Alias("bob.HandoffCounts")]
public sealed record HandoffCounts(
    [property: Id(0)] int Keyword,
    [property: Id(1)] int VisitorAsked,
    [property: Id(2)] int NoGroundedAnswer,
    [property: Id(3)] int AgentTookOver)
{
    public int Total => Keyword + VisitorAsked + NoGroundedAnswer + AgentTookOver;
}

/// <summary>One day (UTC) of insights: conversations opened, answers given (grounded in an article or not), handoffs and ratings.</summary>
[GenerateSerializer, Immutable, Alias("bob.InsightsDay")]
public sealed record InsightsDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] int Conversations,
    [property: Id(2)] int Answers,
    [property: Id(3)] int Grounded,
    [property: Id(4)] int Unanswered,
    [property: Id(5)] int HandedOff,
    [property: Id(6)] int FeedbackUp,
    [property: Id(7)] int FeedbackDown);

/// <summary>An answer a visitor rated down, with the way to its transcript in Mission Control.</summary>
[GenerateSerializer, Immutable, Alias("bob.RatedAnswer")]
public sealed record RatedAnswer(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string Answer,
    [property: Id(3)] string? Comment,
    [property: Id(4)] DateTimeOffset RatedAt);

/// <summary>Visitors' ratings of answers in the range: <see cref="SharePositive"/> is null when nobody rated.</summary>
[GenerateSerializer, Immutable, Alias("bob.FeedbackSummary")]
public sealed record FeedbackSummary(
    [property: Id(0)] int Up,
    [property: Id(1)] int Down,
    [property: Id(2)] double? SharePositive,
    [property: Id(3)] IReadOnlyList<RatedAnswer> WorstRated);

/// <summary>Visitor questions the assistant could not ground, grouped with their paraphrases: how many, the newest few,
/// and when the last one was asked.</summary>
[GenerateSerializer, Immutable, Alias("bob.UnansweredGroup")]
public sealed record UnansweredGroup(
    [property: Id(0)] string Question,
    [property: Id(1)] int Count,
    [property: Id(2)] IReadOnlyList<string> Examples,
    [property: Id(3)] DateTimeOffset LastAsked);

/// <summary>
/// How the assistant did from <see cref="From"/> to <see cref="To"/> (UTC days, both included; <c>GET /api/insights</c>).
/// <see cref="Deflection"/> is the share of conversations never handed to a human (null without conversations);
/// <see cref="MedianFirstAnswerMs"/> is the median time from a conversation's first visitor message to its first answer
/// (assistant or agent), to the histogram's bucket (10 ms under 1 s, 100 ms under 10 s, 1 s under 10 min, 1 min beyond).
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.TenantInsights")]
public sealed record TenantInsights(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] int Conversations,
    [property: Id(3)] double? Deflection,
    [property: Id(4)] int HandedOff,
    [property: Id(5)] HandoffCounts Handoffs,
    [property: Id(6)] int Answers,
    [property: Id(7)] int Grounded,
    [property: Id(8)] int Unanswered,
    [property: Id(9)] long? MedianFirstAnswerMs,
    [property: Id(10)] FeedbackSummary Feedback,
    [property: Id(11)] IReadOnlyList<InsightsDay> Days,
    [property: Id(12)] IReadOnlyList<UnansweredGroup> UnansweredQuestions);

/// <summary>A tenant's insights over a range of UTC days (keyed by tenant id; a stateless worker on every silo).</summary>
[Alias("bob.IInsightsGrain")]
public interface IInsightsGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<TenantInsights> GetAsync(DateOnly from, DateOnly to);
}
