using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Caching;
using Bob.Grains.Conversations;
using Bob.Grains.Knowledge;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Caching;

/// <summary>
/// A silo's per-tenant copies (turn configuration, knowledge index) leave memory when no turn used them for
/// <c>Bob:TurnCache:IdleAfter</c> or when more than <c>MaxTenants</c> are kept, and the next turn after that reads again.
/// </summary>
public sealed class TurnCacheEvictionTests : IDisposable
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);
    private static readonly TenantSettings Settings = new(PublicChat: true, Suspended: false, AssistantEngine: null, CreditPolicy: "hard_stop");

    private readonly FakeTimeProvider _time = new();
    private readonly KnowledgeIndexCache _indexes;
    private readonly TenantTurnCache _tenants;

    public TurnCacheEvictionTests()
    {
        var options = Options.Create(new TurnCacheOptions { IdleAfter = IdleAfter, MaxTenants = 3 });
        _indexes = new KnowledgeIndexCache(_time, options);
        _tenants = new TenantTurnCache(grains: null!, _indexes, webhooks: null!, _time, options); // no part is read: grains and store are never called
    }

    public void Dispose()
    {
        _tenants.Dispose();
        _indexes.Dispose();
    }

    [Fact]
    public void A_tenant_no_turn_used_for_the_idle_time_leaves_the_silo_and_its_next_turn_gets_a_fresh_copy()
    {
        var tenant = new TenantId("acme");
        var config = new TenantTurnConfig(Settings, new TurnConfigStamp(1, 0));
        var first = _tenants.For(tenant, config);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Same(first, _tenants.For(tenant, config));

        _time.Advance(IdleAfter + IdleAfter / 4);

        Assert.Equal(0, _tenants.Count);
        Assert.NotSame(first, _tenants.For(tenant, config));
        Assert.Equal(1, _tenants.Count);
    }

    [Fact]
    public void A_silo_keeps_the_turn_configuration_of_at_most_MaxTenants_tenants()
    {
        for (var i = 0; i < 20; i++)
        {
            _tenants.For(new TenantId($"tenant-{i}"), new TenantTurnConfig(Settings, new TurnConfigStamp(i, 0)));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(_tenants.Count, 1, 3);
    }

    [Fact]
    public async Task A_knowledge_index_kept_while_used_is_rebuilt_from_the_articles_after_it_went_idle()
    {
        var knowledge = new CountingKnowledgeBase();
        await _indexes.GetAsync("acme", knowledge);
        _time.Advance(IdleAfter / 2);
        await _indexes.GetAsync("acme", knowledge);
        Assert.Equal(1, knowledge.Lists);

        _time.Advance(IdleAfter + IdleAfter / 4);
        Assert.Equal(0, _indexes.Count);
        var index = await _indexes.GetAsync("acme", knowledge);

        Assert.Equal(2, knowledge.Lists);
        Assert.NotEmpty(index.Search("shipping", 3));
    }

    [Fact]
    public async Task A_silo_keeps_the_knowledge_indexes_of_at_most_MaxTenants_tenants()
    {
        var knowledge = new CountingKnowledgeBase();
        for (var i = 0; i < 20; i++)
        {
            await _indexes.GetAsync($"tenant-{i}", knowledge);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(_indexes.Count, 1, 3);
        Assert.Equal(20, knowledge.Lists);
    }

    private sealed class CountingKnowledgeBase : IKnowledgeBaseGrain
    {
        private static readonly KnowledgeArticle Shipping = new("kb_1", "Shipping", "We ship worldwide within 3 business days.", ["shipping"], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        public int Lists { get; private set; }

        public Task<long> VersionAsync() => Task.FromResult(1L);

        public Task<IReadOnlyList<KnowledgeArticle>> ListAsync()
        {
            Lists++;
            return Task.FromResult<IReadOnlyList<KnowledgeArticle>>([Shipping]);
        }

        public Task<KnowledgeArticle?> GetAsync(string articleId) => throw new NotSupportedException();

        public Task<Result<KnowledgeArticle>> CreateAsync(KnowledgeInput input) => throw new NotSupportedException();

        public Task<Result<KnowledgeArticle>> UpdateAsync(string articleId, KnowledgeInput input) => throw new NotSupportedException();

        public Task<Outcome> DeleteAsync(string articleId) => throw new NotSupportedException();
    }
}
