namespace Bob.Grains.Abstractions.Identity;

/// <summary>Cluster-wide failed-login counter for one normalized email (the in-box rate limiter is per node).</summary>
[Alias("bob.ILoginThrottleGrain")]
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>How long the caller must wait before trying again, or null when a try is allowed now.</summary>
    [Alias("Check")]
    Task<TimeSpan?> CheckAsync();

    [Alias("RecordFailure")]
    Task RecordFailureAsync();

    [Alias("Reset")]
    Task ResetAsync();
}
