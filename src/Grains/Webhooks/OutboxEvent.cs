using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Webhooks;

/// <summary>
/// One event as the outbox keeps it: its id (the <c>webhook-id</c> every attempt carries), the tenant, the type and the exact
/// body sent. <see cref="EndpointId"/> is set only for an event meant for one endpoint (a test ping). Serializable, because
/// grains whose action is a state write keep it in that state until it is in the outbox table.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookOutboxEvent")]
public sealed record OutboxEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] TenantId Tenant,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string Payload,
    [property: Id(5)] string? EndpointId = null);
