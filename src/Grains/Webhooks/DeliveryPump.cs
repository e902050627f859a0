using Microsoft.Extensions.Logging;

namespace Bob.Grains.Webhooks;

/// <summary>
/// When an endpoint's grain sends. Sending runs in an interleaving grain timer, so a receiver that hangs holds up neither the
/// endpoint's management calls nor anything else; one wake while a round runs makes it go round again. While deliveries are
/// pending a reminder stays registered (registered before the first attempt), so a retry due in hours, or one whose silo
/// died mid-attempt, is sent by whichever silo the grain comes back on. One per activation.
/// </summary>
/// <param name="grain">The endpoint's grain: the timer and the reminder are its own.</param>
/// <param name="sendRound">Sends one round; false when nothing was sent (nothing due, or the endpoint is off).</param>
/// <param name="nextDue">When the next pending delivery is due; null when none is, or the endpoint is off.</param>
internal sealed class DeliveryPump(
    Grain grain,
    Func<Task<bool>> sendRound,
    Func<Task<DateTimeOffset?>> nextDue,
    TimeSpan reminderPeriod,
    TimeProvider time,
    ILogger logger)
{
    public const string ReminderName = "webhook-deliveries";

    private IGrainTimer? _timer;
    private bool _pumping;
    private bool _again;
    private bool _reminderRegistered;

    /// <summary>Something may be due now: keep the reminder and send at once.</summary>
    public async Task WakeAsync()
    {
        await StartReminderAsync();
        Schedule(TimeSpan.Zero);
    }

    /// <summary>The reminder fired (on this silo or after a move): send when the next delivery is due, or drop the reminder when none is pending.</summary>
    public async Task RemindedAsync()
    {
        _reminderRegistered = true;
        if (await nextDue() is not { } next)
        {
            if (!_pumping)
            {
                await StopReminderAsync();
            }
            return;
        }
        Schedule(next - time.GetUtcNow());
    }

    public async Task StopReminderAsync()
    {
        if (await grain.GetReminder(ReminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
        _reminderRegistered = false;
    }

    private void Schedule(TimeSpan due)
    {
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }
        if (_pumping && due == TimeSpan.Zero)
        {
            _again = true;
            return;
        }
        // A one-shot timer is spent once it fired, so each wait gets a timer of its own.
        _timer?.Dispose();
        _timer = grain.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    /// <summary>Sends every due delivery, a round at a time, then sets the timer for the next one.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        if (_pumping)
        {
            _again = true;
            return;
        }
        _pumping = true;
        try
        {
            do
            {
                _again = false;
                while (await sendRound())
                {
                }
            }
            while (_again);
            if (await nextDue() is { } next)
            {
                _pumping = false;
                Schedule(next - time.GetUtcNow());
            }
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Webhook deliveries of {Endpoint} failed to run; trying again shortly.", grain.GetPrimaryKeyString());
            _pumping = false;
            Schedule(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _pumping = false;
        }
    }

    private async Task StartReminderAsync()
    {
        if (!_reminderRegistered)
        {
            await grain.RegisterOrUpdateReminder(ReminderName, reminderPeriod, reminderPeriod);
            _reminderRegistered = true;
        }
    }
}
