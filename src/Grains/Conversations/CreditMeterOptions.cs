namespace Bob.Grains.Conversations;

/// <summary>Settings under <c>Bob:Credits</c>.</summary>
public sealed class CreditMeterOptions
{
    public const string Section = "Bob:Credits";

    /// <summary>How often an active meter recounts the period from the durable log, healing a charge lost when a
    /// conversation's silo died between storing an answer and charging it.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);
}
