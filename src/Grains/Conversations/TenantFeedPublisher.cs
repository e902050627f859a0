using System.Threading.Channels;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Bob.Grains.Conversations;

/// <summary>
/// Mission Control's feed, batched per silo: conversations hand their events over without a grain call, and a loop
/// sends what gathered in the last <see cref="Gather"/> as one call per tenant (a few calls a second, not two per turn).
/// Events of one conversation keep their order. The feed is a view, not a record (the transcript is): events queued
/// when the silo stops, or whose call fails, are dropped and logged.
/// </summary>
public sealed class TenantFeedPublisher(IGrainFactory grains, ILogger<TenantFeedPublisher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long the loop lets events gather after the first one: far below what a person watching notices.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);

    private readonly Channel<(TenantId Tenant, ConversationEvent Event)> _queue =
        Channel.CreateUnbounded<(TenantId, ConversationEvent)>(new UnboundedChannelOptions { SingleReader = true });

    private Task _loop = Task.CompletedTask;

    public void Publish(TenantId tenant, IEnumerable<ConversationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var conversationEvent in events)
        {
            _queue.Writer.TryWrite((tenant, conversationEvent));
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TenantFeedPublisher), ServiceLifecycleStage.ApplicationServices, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(SendLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SendLoopAsync()
    {
        var byTenant = new Dictionary<TenantId, List<ConversationEvent>>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            await Task.Delay(Gather);
            while (_queue.Reader.TryRead(out var item))
            {
                if (!byTenant.TryGetValue(item.Tenant, out var events))
                {
                    byTenant[item.Tenant] = events = [];
                }
                events.Add(item.Event);
            }
            foreach (var (tenant, events) in byTenant)
            {
                try
                {
                    await grains.GetGrain<ITenantFeedGrain>(tenant).PublishAsync([.. events]);
                }
                catch (Exception failure)
                {
                    logger.LogWarning(failure, "{Count} feed events of {Tenant} not published", events.Count, tenant.Value);
                }
            }
            byTenant.Clear();
        }
    }
}
