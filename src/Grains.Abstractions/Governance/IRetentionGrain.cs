namespace Bob.Grains.Abstractions.Governance;

/// <summary>
/// Deletes a tenant's transcripts past its retention (keyed by the tenant id), on an Orleans reminder while a retention
/// is set. A grain of its own, so a sweep never holds up the grains a chat turn calls.
/// </summary>
public interface IRetentionGrain : IGrainWithStringKey
{
    /// <summary>Starts (days set) or stops (null) the periodic sweep.</summary>
    [Alias("Schedule")]
    Task ScheduleAsync(int? retentionDays);

    /// <summary>One sweep now: deletes, in bounded batches, every conversation whose last message is older than the retention.</summary>
    [Alias("Sweep")]
    Task<RetentionSweep> SweepAsync();

    [Alias("IsScheduled")]
    Task<bool> IsScheduledAsync();
}

[GenerateSerializer, Immutable, Alias("bob.RetentionSweep")]
public sealed record RetentionSweep(
    [property: Id(0)] int Conversations,
    [property: Id(1)] int Messages);
