namespace Bob.Grains.Caching;

/// <summary>Settings under <c>Bob:TurnCache</c>: how long a silo keeps a tenant's turn configuration and knowledge index
/// nobody used, and how many tenants it keeps at most.</summary>
public sealed class TurnCacheOptions
{
    public const string Section = "Bob:TurnCache";

    /// <summary>A tenant whose copy no turn on this silo used for this long is dropped; its next turn reads it again.</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many tenants per cache per silo; past it, the least recently used go first.</summary>
    public int MaxTenants { get; set; } = 10_000;
}
