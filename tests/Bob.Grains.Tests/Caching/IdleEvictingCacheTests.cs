using Bob.Grains.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Caching;

/// <summary>The silo caches' forgetting rule on a fake clock: idle entries leave, used ones stay, the count is bounded.</summary>
public sealed class IdleEvictingCacheTests : IDisposable
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = new();
    private readonly IdleEvictingCache<string, int> _cache;

    public IdleEvictingCacheTests() => _cache = new IdleEvictingCache<string, int>(_time, IdleAfter, capacity: 10, StringComparer.Ordinal);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void An_entry_nobody_used_for_the_idle_time_is_dropped_by_the_sweep_without_any_access()
    {
        _cache.Set("acme", 1);
        _time.Advance(IdleAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(1, _cache.Count);

        _time.Advance(IdleAfter / 4 + TimeSpan.FromSeconds(1));

        Assert.Equal(0, _cache.Count);
        Assert.False(_cache.TryGet("acme", out _));
    }

    [Fact]
    public void An_idle_entry_is_never_returned_even_before_the_sweep_runs()
    {
        using var cache = new IdleEvictingCache<string, int>(_time, IdleAfter, capacity: 10);
        cache.Set("acme", 1);

        _time.Advance(IdleAfter);

        Assert.False(cache.TryGet("acme", out _));
    }

    [Fact]
    public void Every_use_restarts_the_idle_time()
    {
        _cache.Set("acme", 7);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(IdleAfter / 2);
            Assert.True(_cache.TryGet("acme", out var value));
            Assert.Equal(7, value);
        }
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public void Past_the_capacity_the_least_recently_used_entries_go_first()
    {
        for (var i = 0; i < 10; i++)
        {
            _cache.Set($"tenant-{i}", i);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.True(_cache.TryGet("tenant-0", out _)); // used again: now the most recent
        _time.Advance(TimeSpan.FromSeconds(1));

        _cache.Set("tenant-10", 10);

        Assert.True(_cache.Count <= 10);
        Assert.True(_cache.TryGet("tenant-0", out _));
        Assert.True(_cache.TryGet("tenant-10", out _));
        Assert.False(_cache.TryGet("tenant-1", out _));
        Assert.False(_cache.TryGet("tenant-2", out _));
    }

    [Fact]
    public void A_cache_filled_far_past_its_capacity_never_holds_more_than_it()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _cache.Set($"tenant-{i}", i);
            _time.Advance(TimeSpan.FromMilliseconds(10));
            Assert.True(_cache.Count <= 10);
        }
        Assert.True(_cache.TryGet("tenant-999", out _));
    }

    [Fact]
    public void A_new_value_for_a_key_replaces_the_old_one()
    {
        _cache.Set("acme", 1);
        _cache.Set("acme", 2);

        Assert.True(_cache.TryGet("acme", out var value));
        Assert.Equal(2, value);
        Assert.Equal(1, _cache.Count);
    }
}
