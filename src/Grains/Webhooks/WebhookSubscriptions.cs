namespace Bob.Grains.Webhooks;

/// <summary>
/// The event types at least one enabled endpoint of a tenant subscribes to, as a turn read them (under the tenant's turn
/// config stamp, which every endpoint change moves). A turn builds only these events; the outbox insert still keeps only
/// what an endpoint wants at commit, so a stale read can cost a payload but never deliver to an endpoint that left.
/// </summary>
public sealed class WebhookSubscriptions
{
    public static readonly WebhookSubscriptions None = new([]);

    private readonly HashSet<string> _types;

    public WebhookSubscriptions(IEnumerable<string> types) => _types = new HashSet<string>(types, StringComparer.Ordinal);

    public bool Any => _types.Count > 0;

    public bool Wants(string type) => _types.Contains(type);
}
