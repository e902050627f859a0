using Bob.Grains.Abstractions.Conversations;

namespace Bob.Grains.Conversations;

public sealed class TenantFeedGrain : Grain, ITenantFeedGrain
{
    private const int Capacity = 500;
    private readonly LinkedList<ConversationEvent> _recent = new();
    private long _sequence;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task PublishAsync(IReadOnlyList<ConversationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var conversationEvent in events)
        {
            _recent.AddLast(conversationEvent with { Sequence = ++_sequence });
            if (_recent.Count > Capacity)
            {
                _recent.RemoveFirst();
            }
        }
        var published = _published;
        _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
        published.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ConversationEvent>> WaitForEventsAsync(long afterSequence, TimeSpan maxWait)
    {
        var after = afterSequence <= 0 ? _sequence : afterSequence;
        if (_sequence <= after)
        {
            await Task.WhenAny(_published.Task, Task.Delay(maxWait));
        }
        return [.. _recent.Where(e => e.Sequence > after)];
    }

    public Task<long> LatestSequenceAsync() => Task.FromResult(_sequence);
}
