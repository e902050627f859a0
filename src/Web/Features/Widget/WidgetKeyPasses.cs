using System.Collections.Concurrent;
using System.Diagnostics;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Web.Features.Widget;

/// <summary>
/// This web node's passes from widget keys (<see cref="IWidgetKeyGrain.TakePassAsync"/>), one per key, origin and visitor
/// address: a request is admitted on the pass while it has admits left and lasts (its <see cref="WidgetKeyPass.KeepFor"/>,
/// counted on the monotonic clock from before it was asked for), else the key is asked again and the admits left unused
/// go back with the question. The key answers a revocation or a new binding only once its passes have run out, so the
/// next request after either is judged by the key itself; refusals are never kept. Without a silo loss a request costs
/// the key grain one call per pass instead of one each.
/// </summary>
public sealed class WidgetKeyPasses(IClusterClient cluster)
{
    /// <summary>Requests asked for at once; the key hands out fewer as its budget or the address's share runs low.</summary>
    public const int Wanted = 100;

    /// <summary>Past this many passes, a new one first drops those that ran out (a node that served many visitors once).</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<(string Key, string Origin, string? Address), Pass> _passes = new();

    /// <summary>Admits one request of <paramref name="address"/> from <paramref name="origin"/> with <paramref name="key"/>,
    /// on this node's pass or a new one; <paramref name="ask"/> makes the key grain call (a silo loss may repeat it).</summary>
    public async Task<Result<WidgetKeyBinding>> AdmitAsync(string key, string origin, string? address,
        Func<Func<Task<WidgetKeyPass>>, Task<WidgetKeyPass>> ask)
    {
        var id = (key, origin, address);
        var kept = _passes.GetValueOrDefault(id);
        if (kept is not null && kept.TryAdmit(Stopwatch.GetTimestamp()))
        {
            return kept.Binding;
        }
        var unused = kept?.TakeUnused();
        var askedAt = Stopwatch.GetTimestamp();
        var grain = cluster.GetGrain<IWidgetKeyGrain>(key);
        var pass = await ask(() => grain.TakePassAsync(origin, address, Wanted, unused));
        if (!pass.Binding.IsSuccess || pass.KeepFor <= TimeSpan.Zero)
        {
            _passes.TryRemove(id, out _);
            return pass.Binding;
        }
        Keep(id, new Pass(pass.Binding, pass.Admits - 1, askedAt + (long)(pass.KeepFor.TotalSeconds * Stopwatch.Frequency), pass.Window));
        return pass.Binding;
    }

    private void Keep((string, string, string?) id, Pass pass)
    {
        if (_passes.Count > SweepAbove)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var (old, kept) in _passes)
            {
                if (!kept.LastsAt(now))
                {
                    _passes.TryRemove(new KeyValuePair<(string, string, string?), Pass>(old, kept));
                }
            }
        }
        _passes[id] = pass;
    }

    /// <summary>Admits taken for this node; each is used once (<see cref="TryAdmit"/>) or given back (<see cref="TakeUnused"/>), never both.</summary>
    private sealed class Pass(Result<WidgetKeyBinding> binding, int admits, long until, long window)
    {
        private int _left = admits;

        public Result<WidgetKeyBinding> Binding => binding;

        public bool LastsAt(long now) => now < until;

        public bool TryAdmit(long now) => LastsAt(now) && Interlocked.Decrement(ref _left) >= 0;

        public UnusedAdmits? TakeUnused() => Interlocked.Exchange(ref _left, 0) is > 0 and var left ? new UnusedAdmits(window, left) : null;
    }
}
