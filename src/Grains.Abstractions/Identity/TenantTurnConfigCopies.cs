using System.Collections.Concurrent;
using System.Diagnostics;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Identity;

/// <summary>
/// This process's copies of tenants' turn configurations (<see cref="ITenantGrain.GetTurnConfigAsync"/>), each used until
/// <see cref="TenantTurnConfig.KeepFor"/> after it was asked for. The tenant grain acknowledges a change only once every
/// copy it handed out before the change has run out, so a turn that starts after the acknowledgement reads the change, on
/// every web node and silo, and the turns in between are spared a grain call each. A missing tenant and a failed read are
/// never kept. Copies are not shared between concurrent reads: one expiry costs each process a few calls a second at most.
/// </summary>
public sealed class TenantTurnConfigCopies(IGrainFactory grains)
{
    /// <summary>Past this many copies, a new one first drops those that ran out (a process that served many tenants once).</summary>
    private const int SweepAbove = 1_000;

    private readonly ConcurrentDictionary<TenantId, Copy> _copies = new();

    /// <summary>How many copies this process holds, run out or not.</summary>
    public int Count => _copies.Count;

    /// <summary>The tenant's turn configuration from this process's copy while it lasts, else from the tenant grain; null when the tenant does not exist.</summary>
    public async Task<TenantTurnConfig?> GetAsync(TenantId tenant)
    {
        if (_copies.TryGetValue(tenant, out var kept) && kept.LastsAt(Stopwatch.GetTimestamp()))
        {
            return kept.Config;
        }
        var askedAt = Stopwatch.GetTimestamp();
        var config = await grains.GetGrain<ITenantGrain>(tenant).GetTurnConfigAsync();
        if (config is { KeepFor.Ticks: > 0 })
        {
            Keep(tenant, new Copy(config, askedAt + (long)(config.KeepFor.TotalSeconds * Stopwatch.Frequency)));
        }
        else
        {
            _copies.TryRemove(tenant, out _);
        }
        return config;
    }

    private void Keep(TenantId tenant, Copy copy)
    {
        if (_copies.Count > SweepAbove)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var (id, old) in _copies)
            {
                if (!old.LastsAt(now))
                {
                    _copies.TryRemove(new KeyValuePair<TenantId, Copy>(id, old));
                }
            }
        }
        _copies[tenant] = copy;
    }

    /// <summary>A copy lasts until its deadline, measured on this process's monotonic clock from before it was asked for.</summary>
    private sealed record Copy(TenantTurnConfig Config, long Until)
    {
        public bool LastsAt(long now) => now < Until;
    }
}
