namespace Bob.Grains.Abstractions.Chat;

/// <summary>Mission Control's live feed of a tenant's conversation events, keyed by tenant id. In memory: a feed, not a record.</summary>
[Alias("bob.ITenantFeedGrain")]
public interface ITenantFeedGrain : IGrainWithStringKey
{
    [Alias("Publish"), Orleans.Concurrency.OneWay]
    Task PublishAsync(ConversationEvent conversationEvent);

    /// <summary>Events after <paramref name="afterSequence"/> (0 = only new ones), waiting up to <paramref name="maxWait"/>.</summary>
    [Alias("WaitForEvents"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<ConversationEvent>> WaitForEventsAsync(long afterSequence, TimeSpan maxWait);

    [Alias("LatestSequence")]
    Task<long> LatestSequenceAsync();
}
