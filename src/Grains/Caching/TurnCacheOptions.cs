using Microsoft.Extensions.Options;

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

    /// <summary>How long a web node or silo may use a tenant's turn configuration (settings and stamp) it read, and a web
    /// node a widget key's pass, instead of asking the grain on every request. A change to either answers only after this
    /// long since the last read before it, so it is the most a save or a key's revocation waits while the tenant chats.
    /// Zero: every request asks.</summary>
    public TimeSpan ConfigCopyLifetime { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Refuses, at start, <c>Bob:TurnCache</c> values the caches cannot run with, with a message naming the setting
/// (otherwise the first turn would fail when a cache is first made).</summary>
public sealed class TurnCacheOptionsValidator : IValidateOptions<TurnCacheOptions>
{
    public static readonly TimeSpan LongestConfigCopyLifetime = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, TurnCacheOptions options)
    {
        var errors = new List<string>();
        if (options.IdleAfter <= TimeSpan.Zero)
        {
            errors.Add($"{TurnCacheOptions.Section}:IdleAfter must be positive (got {options.IdleAfter:c}).");
        }
        if (options.ConfigCopyLifetime < TimeSpan.Zero || options.ConfigCopyLifetime > LongestConfigCopyLifetime)
        {
            errors.Add($"{TurnCacheOptions.Section}:ConfigCopyLifetime must be between 00:00:00 and {LongestConfigCopyLifetime:c} (got {options.ConfigCopyLifetime:c}): every change to a tenant's settings, and every revocation or rotation of a widget key, waits that long.");
        }
        if (options.MaxTenants < 1)
        {
            errors.Add($"{TurnCacheOptions.Section}:MaxTenants must be at least 1 (got {options.MaxTenants}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
