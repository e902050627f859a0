using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bob.Grains.Governance;

/// <summary>
/// Sweeps one tenant's transcripts past its retention, every <see cref="Period"/> on an Orleans reminder (durable in
/// PostgreSQL, so it survives restarts and moves with the grain). The retention is read from governance at each sweep.
/// </summary>
public sealed class RetentionGrain(RetentionStore store, TimeProvider time, GrainMetrics metrics, ILogger<RetentionGrain> logger)
    : Grain, IRetentionGrain, IRemindable
{
    public const string ReminderName = "retention";
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);
    private const int ConversationsPerBatch = 100;
    private const int MessagesPerStatement = 1000;

    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public async Task ScheduleAsync(int? retentionDays)
    {
        if (retentionDays is not null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), Period);
        }
        else if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<bool> IsScheduledAsync() => await this.GetReminder(ReminderName) is not null;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }
        if (await GrainFactory.GetGrain<IGovernanceGrain>(Tenant).GetRetentionDaysAsync() is null)
        {
            await ScheduleAsync(null);
            return;
        }
        await SweepAsync();
    }

    public async Task<RetentionSweep> SweepAsync()
    {
        if (await GrainFactory.GetGrain<IGovernanceGrain>(Tenant).GetRetentionDaysAsync() is not { } days)
        {
            return new RetentionSweep(0, 0);
        }
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(days);
        int conversations = 0, messages = 0;
        while (true)
        {
            var batch = await store.IdleConversationsAsync(Tenant, cutoff, ConversationsPerBatch);
            if (batch.Count == 0)
            {
                break;
            }
            int deleted;
            do
            {
                deleted = await store.DeleteMessagesAsync(Tenant, batch, cutoff, MessagesPerStatement);
                messages += deleted;
            }
            while (deleted == MessagesPerStatement);
            var removed = await store.DeleteConversationsAsync(Tenant, batch, cutoff);
            conversations += removed;
            if (batch.Count < ConversationsPerBatch || removed == 0)
            {
                break;
            }
        }
        metrics.RetentionDeleted(conversations, messages);
        if (conversations + messages > 0)
        {
            logger.LogInformation("Retention of {RetentionDays} days deleted {Conversations} conversations and {Messages} messages of tenant {TenantId}",
                days, conversations, messages, Tenant.Value);
        }
        return new RetentionSweep(conversations, messages);
    }
}
