using Bob.Grains.Abstractions.Conversations;

namespace Bob.Grains.Conversations;

/// <summary>
/// The long-poll readers of one conversation waiting for its next append (<see cref="IConversationGrain.WaitForEventsAsync"/>).
/// The signal is made only when a reader waits, so an activation nobody polls carries none; every append wakes them all.
/// Lives on the conversation's activation, so it needs no locking.
/// </summary>
public sealed class AppendWaiters
{
    private TaskCompletionSource? _appended;

    /// <summary>Completes at the next append, or after <paramref name="maxWait"/>, whichever comes first.</summary>
    public Task NextAppendAsync(TimeSpan maxWait)
    {
        _appended ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.WhenAny(_appended.Task, Task.Delay(maxWait));
    }

    /// <summary>An append was applied: every reader waiting for it wakes.</summary>
    public void Wake()
    {
        var appended = _appended;
        _appended = null;
        appended?.TrySetResult();
    }
}
