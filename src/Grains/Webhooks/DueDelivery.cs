namespace Bob.Grains.Webhooks;

/// <summary>A delivery claimed for an attempt, with the event's stored body.</summary>
public sealed record DueDelivery(long Seq, string DeliveryId, string EventId, string EventType, int RoundAttempts, string Payload);
