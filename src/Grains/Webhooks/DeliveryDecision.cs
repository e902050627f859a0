namespace Bob.Grains.Webhooks;

/// <summary>What happens to a delivery after an attempt.</summary>
public abstract record DeliveryDecision
{
    private DeliveryDecision()
    {
    }

    public sealed record Delivered : DeliveryDecision;

    /// <summary>Try again at <paramref name="At"/>.</summary>
    public sealed record Retry(DateTimeOffset At) : DeliveryDecision;

    /// <summary>No more attempts: the schedule is used up, or the receiver said 410 Gone (<paramref name="DisablesEndpoint"/>).</summary>
    public sealed record GiveUp(bool DisablesEndpoint) : DeliveryDecision;
}
