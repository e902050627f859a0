using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// One per silo: turns outbox events into deliveries (whichever silo committed them; rows are claimed with SKIP LOCKED) and
/// wakes the endpoints that have something to send. Woken at once by this silo's own commits, it also polls, and every
/// <see cref="WebhookOptions.SweepInterval"/> wakes endpoints whose deliveries are overdue — the only way a delivery can be
/// left behind is a wake lost with a dead silo, and this finds it. Sending happens in the endpoint grains, never here.
/// </summary>
public sealed class WebhookRelay(
    WebhookStore store,
    WebhookDeliveryLog deliveries,
    WebhookOutboxSignal signal,
    IGrainFactory grains,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<WebhookRelay> logger) : BackgroundService
{
    private const int BatchSize = 500;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Fail at start, not at the first delivery, when secrets cannot be sealed (e.g. no key in Production).
        _ = services.GetService(typeof(SecretProtector));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FanOutAsync();
                if (time.GetUtcNow() >= nextSweep)
                {
                    nextSweep = time.GetUtcNow() + options.Value.SweepInterval;
                    await SweepAsync();
                }
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Webhook relay round failed; retrying at the next poll.");
            }
            try
            {
                await signal.WaitAsync(options.Value.RelayInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task FanOutAsync()
    {
        int taken;
        do
        {
            (taken, var endpoints) = await store.FanOutAsync(BatchSize, time.GetUtcNow());
            Wake(endpoints);
        }
        while (taken == BatchSize);
    }

    /// <summary>Overdue by more than a lease: claimed by a silo that died, or never woken.</summary>
    private async Task SweepAsync() => Wake(await deliveries.OverdueEndpointsAsync(time.GetUtcNow() - options.Value.Lease, 1000));

    private void Wake(IReadOnlyList<string> endpointKeys)
    {
        foreach (var key in endpointKeys)
        {
            var (tenant, endpointId) = GrainKeys.Parse(key);
            _ = grains.GetGrain<IWebhookEndpointGrain>(WebhookEndpoints.Key(tenant, endpointId)).WakeAsync();
        }
    }
}
