using Bob.Grains.Abstractions.Webhooks;
using Bob.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// One round of an endpoint's sending: claim what is due (a window of <see cref="WebhookOptions.MaxInFlightPerEndpoint"/>,
/// leased for <see cref="WebhookOptions.Lease"/>), send every attempt signed at once, let the <see cref="RetrySchedule"/>
/// decide what becomes of each, and record the round in the delivery log.
/// </summary>
public sealed class WebhookDeliveryRound(
    WebhookDeliveryLog deliveries,
    WebhookSender sender,
    WebhookEndpointSecrets secrets,
    DeliveryHealth health,
    IOptions<WebhookOptions> options,
    GrainMetrics metrics,
    TimeProvider time)
{
    /// <returns>Every attempt's result and when they were made; null when nothing was due.</returns>
    public async Task<(AttemptResult[] Results, DateTimeOffset AttemptedAt)?> SendAsync(WebhookEndpointRecord endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var now = time.GetUtcNow();
        var due = await deliveries.ClaimDueAsync(endpoint.Tenant, endpoint.Id, now, now + options.Value.Lease, options.Value.MaxInFlightPerEndpoint);
        if (due.Count == 0)
        {
            return null;
        }
        var keys = secrets.SigningKeys(endpoint, now);
        var url = new Uri(endpoint.Url);
        var results = await Task.WhenAll(due.Select(d => sender.SendAsync(url, d.EventId, d.Payload, keys, CancellationToken.None)));
        var attemptedAt = time.GetUtcNow();
        var recorded = new List<RecordedAttempt>(due.Count);
        for (var i = 0; i < due.Count; i++)
        {
            var decision = health.Schedule.Decide(results[i], due[i].RoundAttempts + 1, attemptedAt);
            recorded.Add(decision switch
            {
                DeliveryDecision.Delivered => new RecordedAttempt(due[i].Seq, WebhookDeliveryStatus.Delivered, null, results[i], attemptedAt),
                DeliveryDecision.Retry retry => new RecordedAttempt(due[i].Seq, WebhookDeliveryStatus.Pending, retry.At, results[i], attemptedAt),
                _ => new RecordedAttempt(due[i].Seq, WebhookDeliveryStatus.Failed, null, results[i], attemptedAt),
            });
            metrics.WebhookDelivery(decision switch
            {
                DeliveryDecision.Delivered => "delivered",
                DeliveryDecision.Retry => "failed",
                _ => "gave_up",
            }, results[i].Latency);
        }
        await deliveries.RecordAsync(recorded);
        return (results, attemptedAt);
    }
}
