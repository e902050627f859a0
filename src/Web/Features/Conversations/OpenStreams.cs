using Bob.Grains.Abstractions.Common;
using Microsoft.Extensions.Options;

namespace Bob.Web.Features.Conversations;

/// <summary>
/// This web node's open event streams, counted per credential and per client address: each holds a socket and a long
/// poll, so one login (or one visitor's conversation) and one address may hold only so many
/// (<see cref="StreamOptions.PerCredential"/>, <see cref="StreamOptions.PerAddress"/>). Counted per node like the per-IP
/// rate limits: a stream lives on its node, and a count kept there dies with it instead of leaking in a grain.
/// </summary>
public sealed class OpenStreams(IOptions<StreamOptions> options)
{
    /// <summary>How long a refused client is told to wait: streams end when their pages close or their reader reconnects.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A slot to dispose when the stream ends, or the <c>rate_limited</c> failure when either count is full.</summary>
    public Result<IDisposable> TryOpen(string credential, string address)
    {
        var byCredential = "credential:" + credential;
        var byAddress = "address:" + address;
        lock (_open)
        {
            if (Count(byCredential) >= options.Value.PerCredential || Count(byAddress) >= options.Value.PerAddress)
            {
                return new Failure(FailureCodes.RateLimited, "Too many open live streams from this sign-in or address; close another tab or try again shortly.",
                    RetryAfter: RetryAfter);
            }
            _open[byCredential] = Count(byCredential) + 1;
            _open[byAddress] = Count(byAddress) + 1;
        }
        return new Slot(this, byCredential, byAddress);
    }

    /// <summary>Open streams held under <paramref name="credential"/> on this node (for tests and metrics).</summary>
    public int OpenFor(string credential)
    {
        lock (_open)
        {
            return Count("credential:" + credential);
        }
    }

    /// <summary>Open streams from <paramref name="address"/> on this node.</summary>
    public int OpenAt(string address)
    {
        lock (_open)
        {
            return Count("address:" + address);
        }
    }

    private int Count(string key) => _open.GetValueOrDefault(key);

    private void Release(string key)
    {
        var left = Count(key) - 1;
        if (left <= 0)
        {
            _open.Remove(key);
        }
        else
        {
            _open[key] = left;
        }
    }

    private sealed class Slot(OpenStreams streams, string byCredential, string byAddress) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }
            lock (streams._open)
            {
                streams.Release(byCredential);
                streams.Release(byAddress);
            }
        }
    }
}
