using System.Collections.Concurrent;
using Bob.Assistant.Retrieval;
using Bob.Assistant;
using Bob.Grains.Abstractions.Knowledge;

namespace Bob.Grains.Knowledge;

/// <summary>
/// One search index per tenant per silo, rebuilt only when the knowledge base's version moves, so the
/// conversations of a tenant share it and a chat turn costs one small version call, not a copy of every article.
/// </summary>
public sealed class KnowledgeIndexCache
{
    private readonly ConcurrentDictionary<string, (long Version, KnowledgeIndex Index)> _byTenant = new(StringComparer.Ordinal);

    public async Task<KnowledgeIndex> GetAsync(string tenantId, IKnowledgeBaseGrain knowledgeBase)
    {
        var version = await knowledgeBase.VersionAsync();
        if (_byTenant.TryGetValue(tenantId, out var cached) && cached.Version == version)
        {
            return cached.Index;
        }
        var articles = await knowledgeBase.ListAsync();
        var index = KnowledgeIndex.Build(articles.Select(a => new KnowledgeDocument(a.Id, a.Title, a.Content, a.Tags)));
        _byTenant[tenantId] = (version, index);
        return index;
    }
}
