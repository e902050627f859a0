using Bob.Grains.Abstractions.Identity;

namespace Bob.Web.Auth;

/// <summary>The cluster's token MAC key (<see cref="ITokenSigningKeyGrain"/>), read once per web node: it never changes,
/// so holding it is no state of the node's own. A failed read is tried again by the next request.</summary>
public sealed class TokenSigningKey(IClusterClient cluster)
{
    private Task<byte[]>? _key;

    public async Task<byte[]> GetAsync()
    {
        var loading = _key ??= cluster.GetGrain<ITokenSigningKeyGrain>(0).GetAsync();
        try
        {
            return await loading;
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref _key, null, loading);
            throw;
        }
    }
}
