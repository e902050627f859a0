namespace Bob.Grains.Abstractions.Knowledge;

/// <summary>A tenant's knowledge articles, keyed by tenant id. <see cref="VersionAsync"/> changes with every edit,
/// so silos can cache the search index built from them.</summary>
[Alias("bob.IKnowledgeBaseGrain")]
public interface IKnowledgeBaseGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<IReadOnlyList<KnowledgeArticle>> ListAsync();

    [Alias("Get")]
    Task<KnowledgeArticle?> GetAsync(string articleId);

    [Alias("Create")]
    Task<Common.Result<KnowledgeArticle>> CreateAsync(KnowledgeInput input);

    [Alias("Update")]
    Task<Common.Result<KnowledgeArticle>> UpdateAsync(string articleId, KnowledgeInput input);

    [Alias("Delete")]
    Task<Common.Outcome> DeleteAsync(string articleId);

    [Alias("Version")]
    Task<long> VersionAsync();
}
