namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>One event on its way to one endpoint, with every attempt so far (newest last).</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookDeliveryView")]
public sealed record WebhookDeliveryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string EventId,
    [property: Id(2)] string EventType,
    [property: Id(3)] string Status,
    [property: Id(4)] int Attempt,
    [property: Id(5)] int? StatusCode,
    [property: Id(6)] int? LatencyMs,
    [property: Id(7)] string? Error,
    [property: Id(8)] DateTimeOffset? NextRetryAt,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] IReadOnlyList<WebhookAttemptView> Attempts);
