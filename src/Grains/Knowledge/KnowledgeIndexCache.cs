using Bob.Assistant.Retrieval;
using Bob.Assistant;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Caching;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Knowledge;

/// <summary>
/// One search index per tenant per silo, rebuilt only when the knowledge base's version moves, so the
/// conversations of a tenant share it and a chat turn costs one small version call, not a copy of every article.
/// A tenant's index no turn used for <see cref="TurnCacheOptions.IdleAfter"/> leaves memory (and the least recently used
/// past <see cref="TurnCacheOptions.MaxTenants"/>); its next turn builds it again.
/// </summary>
public sealed class KnowledgeIndexCache(TimeProvider time, IOptions<TurnCacheOptions> options) : IDisposable
{
    private readonly IdleEvictingCache<string, (long Version, KnowledgeIndex Index)> _byTenant =
        new(time, options.Value.IdleAfter, options.Value.MaxTenants, StringComparer.Ordinal);

    /// <summary>How many tenants' indexes this silo keeps.</summary>
    public int Count => _byTenant.Count;

    public async Task<KnowledgeIndex> GetAsync(string tenantId, IKnowledgeBaseGrain knowledgeBase)
    {
        var version = await knowledgeBase.VersionAsync();
        if (_byTenant.TryGet(tenantId, out var cached) && cached.Version == version)
        {
            return cached.Index;
        }
        var articles = await knowledgeBase.ListAsync();
        var index = KnowledgeIndex.Build(articles.Select(a => new KnowledgeDocument(a.Id, a.Title, a.Content, a.Tags)));
        _byTenant.Set(tenantId, (version, index));
        return index;
    }

    public void Dispose() => _byTenant.Dispose();
}
