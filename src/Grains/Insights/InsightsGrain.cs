using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Insights;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Knowledge;
using Orleans.Concurrency;

namespace Bob.Grains.Insights;

/// <summary>
/// A tenant's insights over a range of days, from the rollups the transcript writer keeps. Unanswered questions are grouped
/// here, and each group is checked against the tenant's current knowledge index: one whose wording it now finds a passage
/// for (an article was added or edited) has an answer, and leaves the list without anything being marked.
/// </summary>
[StatelessWorker]
public sealed class InsightsGrain(InsightsStore store, KnowledgeIndexCache indexes) : Grain, IInsightsGrain
{
    /// <summary>Groups listed: the most asked still unanswered.</summary>
    public const int GroupsShown = 20;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public async Task<TenantInsights> GetAsync(DateOnly from, DateOnly to)
    {
        var days = await store.DaysAsync(Tenant, from, to);
        var buckets = await store.FirstAnswerBucketsAsync(Tenant, from, to);
        var feedback = await store.FeedbackAsync(Tenant, from, to);
        var questions = await store.UnansweredAsync(Tenant, from, to);
        var index = await indexes.GetAsync(Tenant.Value, GrainFactory.GetGrain<IKnowledgeBaseGrain>(Tenant.Value));
        var unanswered = QuestionGroups.Group(questions)
            .Where(group => index.Search(group.Question, 1).Count == 0)
            .Take(GroupsShown)
            .Select(group => new UnansweredGroup(group.Question, group.Count, group.Examples, group.LastAsked))
            .ToList();
        return InsightsReport.For(from, to, days, FirstAnswerBuckets.Median(buckets), feedback, unanswered);
    }
}
