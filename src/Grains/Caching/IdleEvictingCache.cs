using System.Collections.Concurrent;

namespace Bob.Grains.Caching;

/// <summary>
/// A silo's map of per-tenant copies that forgets: an entry not used for <c>idleAfter</c> is gone (dropped by a sweep
/// every quarter of that time, and never returned once stale), and past <c>capacity</c> entries the least recently used
/// are dropped until a tenth of the room is free again. Nothing here decides what is current (the callers' stamps and
/// versions do), so dropping an entry only costs its next user one read.
/// </summary>
public sealed class IdleEvictingCache<TKey, TValue> : IDisposable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleAfter;
    private readonly int _capacity;
    private readonly ITimer _sweeper;
    private int _trimming;

    public IdleEvictingCache(TimeProvider time, TimeSpan idleAfter, int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _idleAfter = idleAfter;
        _capacity = capacity;
        _entries = new ConcurrentDictionary<TKey, Entry>(comparer);
        var every = idleAfter / 4;
        _sweeper = time.CreateTimer(_ => Sweep(), null, every, every);
    }

    public int Count => _entries.Count;

    /// <summary>The entry for <paramref name="key"/> unless it was not used for the idle time; a hit counts as a use.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        var now = _time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && !IsIdle(entry, now))
        {
            entry.Touch(now);
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        _entries[key] = new Entry(value, _time.GetTimestamp());
        if (_entries.Count > _capacity)
        {
            Trim();
        }
    }

    /// <summary>Drops every entry not used for the idle time (the timer calls this; public for a host that wants it now).</summary>
    public void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            if (IsIdle(entry, now))
            {
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private bool IsIdle(Entry entry, long now) => _time.GetElapsedTime(entry.LastUsed, now) >= _idleAfter;

    /// <summary>Least recently used first, down to 90 % of the capacity, so a full cache sorts once per tenth of its size, not per insert.</summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }
        try
        {
            var excess = _entries.Count - _capacity * 9 / 10;
            if (excess <= 0)
            {
                return;
            }
            foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.LastUsed).Take(excess))
            {
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    private sealed class Entry(TValue value, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public TValue Value => value;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch(long now) => Volatile.Write(ref _lastUsed, now);
    }
}
