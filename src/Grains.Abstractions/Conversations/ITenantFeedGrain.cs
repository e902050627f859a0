namespace Bob.Grains.Abstractions.Conversations;

/// <summary>Mission Control's live feed of a tenant's conversation events, keyed by tenant id. In memory: a feed, not a record.</summary>
[Alias("bob.ITenantFeedGrain")]
public interface ITenantFeedGrain : IGrainWithStringKey
{
    /// <summary>Appends events in the order given (a silo sends what its conversations raised in the last moments, together).</summary>
    [Alias("PublishBatch"), Orleans.Concurrency.OneWay]
    Task PublishAsync(IReadOnlyList<ConversationEvent> events);

    /// <summary>Events after <paramref name="afterSequence"/> (0 = only new ones), waiting up to <paramref name="maxWait"/>.</summary>
    [Alias("WaitForEvents"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<ConversationEvent>> WaitForEventsAsync(long afterSequence, TimeSpan maxWait);

    [Alias("LatestSequence")]
    Task<long> LatestSequenceAsync();
}
