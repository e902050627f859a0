namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>A page of the delivery log, newest first; <see cref="NextCursor"/> fetches the next (older) page, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookDeliveryPage")]
public sealed record WebhookDeliveryPage(
    [property: Id(0)] IReadOnlyList<WebhookDeliveryView> Items,
    [property: Id(1)] string? NextCursor);
