namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>Where one delivery (one event to one endpoint) stands.</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
