using Bob.Grains.Abstractions.Identity;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.LoginThrottleState")]
public sealed class LoginThrottleState
{
    /// <summary>Sources this account logged in from lately (most recent last), kept across restarts.</summary>
    [Id(0)] public List<KnownLoginSource> KnownSources { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("bob.KnownLoginSource")]
public sealed record KnownLoginSource([property: Id(0)] string Source, [property: Id(1)] DateTimeOffset LastSuccess);

/// <summary>
/// Two layers, both keyed by the account's email. Per source: after <see cref="AuthOptions.FailuresBeforeLockout"/>
/// consecutive failures that source is locked, first for <see cref="AuthOptions.FirstLockout"/>, doubling up to
/// <see cref="AuthOptions.MaxLockout"/> — the owner elsewhere is untouched. Per account: when failures from all sources
/// pass <see cref="AuthOptions.AccountFailuresBeforeSlowdown"/> within the window (guessing spread over many addresses),
/// sources that never logged into the account share one try per <see cref="AuthOptions.SlowdownInterval"/>, while the
/// sources it did log in from keep their own budget. Failures stay in memory (no write per attempt: a silo restart
/// forgives a few); only a success that adds a known source is written.
/// </summary>
public sealed class LoginThrottleGrain(
    [PersistentState("login-throttle", "bob")] IPersistentState<LoginThrottleState> known,
    IOptions<AuthOptions> options,
    TimeProvider time) : Grain, ILoginThrottleGrain
{
    private const int MaxTrackedSources = 1000;
    private const int MaxKnownSources = 10;
    private static readonly TimeSpan KnownSourceRefresh = TimeSpan.FromDays(1);

    private readonly Dictionary<string, SourceFailures> _sources = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _recentFailures = new();
    private DateTimeOffset _nextStrangerTry = DateTimeOffset.MinValue;

    private AuthOptions Settings => options.Value;

    public Task<TimeSpan?> CheckAsync(string source)
    {
        var now = time.GetUtcNow();
        if (_sources.TryGetValue(source, out var failures) && failures.LockedUntil > now)
        {
            return Task.FromResult<TimeSpan?>(failures.LockedUntil - now);
        }
        if (UnderAttack(now) && !IsKnown(source))
        {
            if (_nextStrangerTry > now)
            {
                return Task.FromResult<TimeSpan?>(_nextStrangerTry - now);
            }
            _nextStrangerTry = now + Settings.SlowdownInterval;
        }
        return Task.FromResult<TimeSpan?>(null);
    }

    public Task RecordFailureAsync(string source)
    {
        var now = time.GetUtcNow();
        _recentFailures.Enqueue(now);
        var failures = _sources.TryGetValue(source, out var existing) ? existing : Track(source);
        failures.Consecutive++;
        failures.LastFailure = now;
        var beyond = failures.Consecutive - Settings.FailuresBeforeLockout;
        if (beyond >= 0)
        {
            var lockout = TimeSpan.FromTicks(Math.Min(Settings.MaxLockout.Ticks, Settings.FirstLockout.Ticks * (1L << Math.Min(beyond, 20))));
            failures.LockedUntil = now + lockout;
            // Stay in memory while a lock matters; below the threshold normal collection applies, so failures
            // spread over many made-up emails cannot pin activations for long.
            DelayDeactivation(lockout);
        }
        if (UnderAttack(now))
        {
            DelayDeactivation(Settings.AccountFailureWindow);
        }
        return Task.CompletedTask;
    }

    public async Task RecordSuccessAsync(string source)
    {
        _sources.Remove(source);
        var now = time.GetUtcNow();
        var entries = known.State.KnownSources;
        var previous = entries.Find(k => k.Source == source);
        if (previous is not null && now - previous.LastSuccess < KnownSourceRefresh)
        {
            return;
        }
        entries.RemoveAll(k => k.Source == source);
        entries.Add(new KnownLoginSource(source, now));
        if (entries.Count > MaxKnownSources)
        {
            entries.RemoveAt(0);
        }
        await known.WriteStateAsync();
    }

    private bool IsKnown(string source) => known.State.KnownSources.Exists(k => k.Source == source);

    private bool UnderAttack(DateTimeOffset now)
    {
        while (_recentFailures.Count > 0 && now - _recentFailures.Peek() > Settings.AccountFailureWindow)
        {
            _recentFailures.Dequeue();
        }
        return _recentFailures.Count >= Settings.AccountFailuresBeforeSlowdown;
    }

    /// <summary>Tracks a new source; past the cap the longest-quiet one is forgotten (the account-wide layer still counts it).</summary>
    private SourceFailures Track(string source)
    {
        if (_sources.Count >= MaxTrackedSources)
        {
            _sources.Remove(_sources.MinBy(s => s.Value.LastFailure).Key);
        }
        var failures = new SourceFailures();
        _sources[source] = failures;
        return failures;
    }

    private sealed class SourceFailures
    {
        public int Consecutive { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LastFailure { get; set; }
    }
}
