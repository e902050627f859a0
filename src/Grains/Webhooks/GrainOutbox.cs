using Microsoft.Extensions.Logging;

namespace Bob.Grains.Webhooks;

/// <summary>
/// The outbox for actions whose durable write is grain state (a persona update, a widget key rotation): the events go into
/// that same state write, beside the action, so an acknowledged action has its events durably; then they move to the outbox
/// table and leave the state. A reminder registered before the write finishes the move if the silo dies in between (or the
/// database refused it); so does the grain's next activation.
/// </summary>
public sealed class GrainOutbox(WebhookStore store, WebhookOutboxSignal signal, ILogger<GrainOutbox> logger)
{
    public const string ReminderName = "webhook-outbox";

    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Adds <paramref name="events"/> to <paramref name="pending"/> (a list in the grain's state), writes the state, then moves them out.</summary>
    public async Task CommitAsync(Grain grain, List<OutboxEvent> pending, IReadOnlyList<OutboxEvent> events, Func<Task> writeState)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(writeState);
        if (events.Count > 0)
        {
            await grain.RegisterOrUpdateReminder(ReminderName, RetryPeriod, RetryPeriod);
            pending.AddRange(events);
        }
        await writeState();
        await FlushAsync(grain, pending, writeState);
    }

    /// <summary>Moves what is pending to the outbox table; on failure it stays pending for the reminder's next tick.</summary>
    public async Task FlushAsync(Grain grain, List<OutboxEvent> pending, Func<Task> writeState)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(writeState);
        if (pending.Count == 0)
        {
            return;
        }
        try
        {
            await store.AppendEventsAsync(pending);
            pending.Clear();
            await writeState();
            signal.Notify();
            if (await grain.GetReminder(ReminderName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Webhook events of {Grain} stay pending in its state; its reminder retries.", grain.GetGrainId());
        }
    }
}
