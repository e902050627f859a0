namespace Bob.Grains.WidgetKeys;

/// <summary>Cluster-wide limits enforced in grains (settings under <c>Bob:RateLimits</c>; per-node limits live in the web front end).</summary>
public sealed class ChatLimitOptions
{
    public const string Section = "Bob:RateLimits";

    /// <summary>Requests per minute one widget key may make across all web nodes.</summary>
    public int WidgetKeyPerMinute { get; set; } = 1200;
}
