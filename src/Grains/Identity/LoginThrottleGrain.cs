using Bob.Grains.Abstractions.Identity;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Identity;

/// <summary>
/// After <see cref="AuthOptions.FailuresBeforeLockout"/> consecutive failures the email is locked,
/// first for <see cref="AuthOptions.FirstLockout"/>, doubling per further failure up to <see cref="AuthOptions.MaxLockout"/>.
/// Kept in memory: losing it on a silo restart only forgives a few failures, and saves a database write per attempt.
/// </summary>
public sealed class LoginThrottleGrain(IOptions<AuthOptions> options, TimeProvider time) : Grain, ILoginThrottleGrain
{
    private int _consecutiveFailures;
    private DateTimeOffset _lockedUntil = DateTimeOffset.MinValue;

    public Task<TimeSpan?> CheckAsync()
    {
        var remaining = _lockedUntil - time.GetUtcNow();
        return Task.FromResult<TimeSpan?>(remaining > TimeSpan.Zero ? remaining : null);
    }

    public Task RecordFailureAsync()
    {
        _consecutiveFailures++;
        var settings = options.Value;
        var beyond = _consecutiveFailures - settings.FailuresBeforeLockout;
        if (beyond >= 0)
        {
            var lockout = TimeSpan.FromTicks(Math.Min(settings.MaxLockout.Ticks, settings.FirstLockout.Ticks * (1L << Math.Min(beyond, 20))));
            _lockedUntil = time.GetUtcNow() + lockout;
            // Stay in memory while the lock matters; below the threshold normal collection applies, so failures
            // spread over many made-up emails cannot pin activations for long.
            DelayDeactivation(lockout);
        }
        return Task.CompletedTask;
    }

    public Task ResetAsync()
    {
        _consecutiveFailures = 0;
        _lockedUntil = DateTimeOffset.MinValue;
        return Task.CompletedTask;
    }
}
