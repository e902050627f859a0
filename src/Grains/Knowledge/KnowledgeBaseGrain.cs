using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Audit;

namespace Bob.Grains.Knowledge;

[GenerateSerializer, Alias("bob.KnowledgeBaseState")]
public sealed class KnowledgeBaseState
{
    [Id(0)] public List<KnowledgeArticle> Articles { get; set; } = [];
    [Id(1)] public long Version { get; set; }
}

public sealed class KnowledgeBaseGrain(
    [PersistentState("knowledge", "bob")] IPersistentState<KnowledgeBaseState> knowledge,
    TimeProvider time) : Grain, IKnowledgeBaseGrain
{
    public Task<IReadOnlyList<KnowledgeArticle>> ListAsync() => Task.FromResult<IReadOnlyList<KnowledgeArticle>>(knowledge.State.Articles);

    public Task<KnowledgeArticle?> GetAsync(string articleId) => Task.FromResult(Find(articleId));

    public async Task<Result<KnowledgeArticle>> CreateAsync(KnowledgeInput input)
    {
        if (KnowledgeRules.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (knowledge.State.Articles.Count >= KnowledgeRules.ArticlesMax)
        {
            return new Failure(FailureCodes.Conflict, $"A tenant has at most {KnowledgeRules.ArticlesMax} articles.");
        }
        var now = time.GetUtcNow();
        var article = new KnowledgeArticle(Ids.New(IdPrefixes.Article), input.Title.Trim(), input.Content, Tags(input), now, now);
        knowledge.State.Articles.Add(article);
        await SaveAsync();
        await AuditAsync(AuditActions.KnowledgeCreated, null, article);
        return article;
    }

    public async Task<Result<KnowledgeArticle>> UpdateAsync(string articleId, KnowledgeInput input)
    {
        if (Find(articleId) is not { } current)
        {
            return Failure.NotFound("Article");
        }
        if (KnowledgeRules.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var updated = current with { Title = input.Title.Trim(), Content = input.Content, Tags = Tags(input), UpdatedAt = time.GetUtcNow() };
        knowledge.State.Articles[knowledge.State.Articles.IndexOf(current)] = updated;
        await SaveAsync();
        await AuditAsync(AuditActions.KnowledgeUpdated, current, updated);
        return updated;
    }

    public async Task<Outcome> DeleteAsync(string articleId)
    {
        if (Find(articleId) is not { } current)
        {
            return Failure.NotFound("Article");
        }
        knowledge.State.Articles.Remove(current);
        await SaveAsync();
        await AuditAsync(AuditActions.KnowledgeDeleted, current, null);
        return Outcome.Success;
    }

    public Task<long> VersionAsync() => Task.FromResult(knowledge.State.Version);

    private async Task SaveAsync()
    {
        knowledge.State.Version++;
        await knowledge.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantGrain>(this.GetPrimaryKeyString()).TurnConfigChangedAsync();
    }

    private Task AuditAsync(string action, KnowledgeArticle? before, KnowledgeArticle? after) =>
        GrainFactory.AuditAsync(new TenantId(this.GetPrimaryKeyString()), action, new AuditTarget(AuditTargetTypes.Article, (before ?? after)!.Id),
            before is null ? null : AuditSummaries.Article(before), after is null ? null : AuditSummaries.Article(after));

    private KnowledgeArticle? Find(string articleId) => knowledge.State.Articles.Find(a => a.Id == articleId);

    private static string[] Tags(KnowledgeInput input) => [.. input.Tags.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
}
