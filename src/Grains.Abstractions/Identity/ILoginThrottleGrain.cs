namespace Bob.Grains.Abstractions.Identity;

/// <summary>
/// Failed-login throttle for one normalized email, cluster-wide (the in-box rate limiter is per node). Failures lock
/// the source that made them (an IP address, an IPv6 /64), not the account, so a stranger cannot lock the owner out;
/// a flood of failures from many sources slows every source that has never logged into this account.
/// </summary>
[Alias("bob.ILoginThrottleGrain")]
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>How long <paramref name="source"/> must wait before trying again, or null when a try is allowed now.</summary>
    [Alias("CheckSource")]
    Task<TimeSpan?> CheckAsync(string source);

    [Alias("RecordSourceFailure")]
    Task RecordFailureAsync(string source);

    /// <summary>Clears the source's failures and remembers it as one this account logs in from.</summary>
    [Alias("RecordSourceSuccess")]
    Task RecordSuccessAsync(string source);
}
