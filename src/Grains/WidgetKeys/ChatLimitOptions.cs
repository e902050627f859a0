namespace Bob.Grains.WidgetKeys;

/// <summary>Cluster-wide limits enforced in grains (settings under <c>Bob:RateLimits</c>; per-node limits live in the web front end).</summary>
public sealed class ChatLimitOptions
{
    public const string Section = "Bob:RateLimits";

    /// <summary>Requests per minute one widget key may make across all web nodes.</summary>
    public int WidgetKeyPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute one visitor address (IPv4, or IPv6 /64) may make with one widget key, across all web
    /// nodes: a few addresses cannot spend the key's whole budget.</summary>
    public int WidgetKeyPerMinutePerIp { get; set; } = 30;
}
