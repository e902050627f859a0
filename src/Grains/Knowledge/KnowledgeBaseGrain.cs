using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Audit;

namespace Bob.Grains.Knowledge;

[GenerateSerializer, Alias("bob.KnowledgeBaseState")]
public sealed class KnowledgeBaseState
{
    /// <summary>Only in states written before articles moved to <see cref="KnowledgeStore"/>: carried over and cleared on activation.</summary>
    [Id(0)] public List<KnowledgeArticle> Articles { get; set; } = [];
    [Id(1)] public long Version { get; set; }
}

/// <summary>A tenant's articles: one row each in <see cref="KnowledgeStore"/>, all loaded on activation as the read model.
/// The state keeps only <see cref="KnowledgeBaseState.Version"/>, which the turn caches compare.</summary>
public sealed class KnowledgeBaseGrain(
    [PersistentState("knowledge", "bob")] IPersistentState<KnowledgeBaseState> knowledge,
    KnowledgeStore store,
    TimeProvider time) : Grain, IKnowledgeBaseGrain
{
    private List<KnowledgeArticle> _articles = [];

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (knowledge.State.Articles.Count > 0)
        {
            await store.CarryOverAsync(Tenant, knowledge.State.Articles);
            knowledge.State.Articles = [];
            await knowledge.WriteStateAsync(cancellationToken);
        }
        _articles = await store.LoadAsync(Tenant);
    }

    public Task<IReadOnlyList<KnowledgeArticle>> ListAsync() => Task.FromResult<IReadOnlyList<KnowledgeArticle>>(_articles);

    public Task<KnowledgeArticle?> GetAsync(string articleId) => Task.FromResult(Find(articleId));

    public async Task<Result<KnowledgeArticle>> CreateAsync(KnowledgeInput input)
    {
        if (KnowledgeRules.Validate(input) is { } invalid)
        {
            return invalid;
        }
        if (_articles.Count >= KnowledgeRules.ArticlesMax)
        {
            return new Failure(FailureCodes.Conflict, $"A tenant has at most {KnowledgeRules.ArticlesMax} articles.");
        }
        var now = Now();
        var article = KnowledgeStore.Storable(new KnowledgeArticle(Ids.New(IdPrefixes.Article), input.Title.Trim(), input.Content, Tags(input), now, now));
        await BumpVersionAsync();
        await store.InsertAsync(Tenant, article);
        _articles.Add(article);
        await ChangedAsync();
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
        var updated = KnowledgeStore.Storable(current with { Title = input.Title.Trim(), Content = input.Content, Tags = Tags(input), UpdatedAt = Now() });
        await BumpVersionAsync();
        await store.UpdateAsync(Tenant, updated);
        _articles[_articles.IndexOf(current)] = updated;
        await ChangedAsync();
        await AuditAsync(AuditActions.KnowledgeUpdated, current, updated);
        return updated;
    }

    public async Task<Outcome> DeleteAsync(string articleId)
    {
        if (Find(articleId) is not { } current)
        {
            return Failure.NotFound("Article");
        }
        await BumpVersionAsync();
        await store.DeleteAsync(Tenant, articleId);
        _articles.Remove(current);
        await ChangedAsync();
        await AuditAsync(AuditActions.KnowledgeDeleted, current, null);
        return Outcome.Success;
    }

    public Task<long> VersionAsync() => Task.FromResult(knowledge.State.Version);

    /// <summary>Before the row is written: a version stored without its edit only costs the caches a rebuild, while an edit
    /// stored under the old version would leave them serving the old articles.</summary>
    private async Task BumpVersionAsync()
    {
        knowledge.State.Version++;
        await knowledge.WriteStateAsync();
    }

    private Task ChangedAsync() => GrainFactory.GetGrain<ITenantGrain>(this.GetPrimaryKeyString()).TurnConfigChangedAsync();

    private Task AuditAsync(string action, KnowledgeArticle? before, KnowledgeArticle? after) =>
        GrainFactory.AuditAsync(Tenant, action, new AuditTarget(AuditTargetTypes.Article, (before ?? after)!.Id),
            before is null ? null : AuditSummaries.Article(before), after is null ? null : AuditSummaries.Article(after));

    /// <summary>To PostgreSQL's microseconds, so an article reads the same from memory as from its row after a restart.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private KnowledgeArticle? Find(string articleId) => _articles.Find(a => a.Id == articleId);

    private static string[] Tags(KnowledgeInput input) => [.. input.Tags.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
}
