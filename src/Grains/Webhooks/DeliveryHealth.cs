using Bob.Grains.Abstractions.Webhooks;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// An endpoint's health across attempts: a success clears <c>failing_since</c>; a failure starts it; a 410 disables the
/// endpoint at once and failing for <see cref="WebhookOptions.DisableAfter"/> (a day) disables it too. Plain, so the day is
/// tested without waiting one.
/// </summary>
public sealed class DeliveryHealth(IOptions<WebhookOptions> options)
{
    public RetrySchedule Schedule { get; } = new(options.Value);

    /// <returns>The new <c>failing_since</c>, and the reason to disable the endpoint, if any.</returns>
    public (DateTimeOffset? FailingSince, string? DisableReason) After(DateTimeOffset? failingSince, IReadOnlyList<AttemptResult> results, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Any(r => r.Gone))
        {
            return (failingSince, WebhookEndpointStatus.ReasonGone);
        }
        if (results.Any(r => r.Delivered))
        {
            return (null, null);
        }
        var since = failingSince ?? now;
        return (since, now - since >= options.Value.DisableAfter ? WebhookEndpointStatus.ReasonFailing : null);
    }
}
