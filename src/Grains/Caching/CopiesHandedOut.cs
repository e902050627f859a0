namespace Bob.Grains.Caching;

/// <summary>
/// The copies a grain has handed out of what it owns (a tenant's turn configuration,
/// <see cref="Abstractions.Identity.TenantTurnConfigCopies"/>; a widget key's passes): each may be used for <c>keepFor</c>
/// after it was asked for, so a change is acknowledged only once the last one handed out has run out
/// (<see cref="RunOutAsync"/>). Counted on the monotonic clock, like the copies.
/// </summary>
public sealed class CopiesHandedOut(TimeProvider time, TimeSpan keepFor)
{
    private long _lastRunsOutAt;

    /// <summary>Records a copy handed out now; returns how long it may be kept.</summary>
    public TimeSpan HandOut()
    {
        if (keepFor > TimeSpan.Zero)
        {
            _lastRunsOutAt = Math.Max(_lastRunsOutAt, time.GetTimestamp() + (long)(keepFor.TotalSeconds * time.TimestampFrequency));
        }
        return keepFor;
    }

    /// <summary>An earlier activation of the grain (on a silo that died) may have handed copies out just now.</summary>
    public void AssumeSomeOut() => HandOut();

    /// <summary>Completes once every copy handed out so far has run out.</summary>
    public Task RunOutAsync()
    {
        var left = time.GetElapsedTime(time.GetTimestamp(), _lastRunsOutAt);
        return left > TimeSpan.Zero ? Task.Delay(left, time) : Task.CompletedTask;
    }
}
