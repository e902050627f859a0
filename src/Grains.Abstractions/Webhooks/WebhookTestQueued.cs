namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>The test event queued for one endpoint.</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookTestQueued")]
public sealed record WebhookTestQueued(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string EventId);
