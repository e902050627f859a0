namespace Bob.Grains.WidgetKeys;

/// <summary>
/// A widget key's one-minute window: the key's total, and within it a cap per visitor address, so a few addresses (with a
/// forged Origin, say) spend their own share and never the whole key. A refused address takes nothing from the key.
/// Memory stays bounded: only admitted requests add an address, so a window holds at most the key's total of them.
/// </summary>
public sealed class KeyRequestBudget(TimeProvider time)
{
    public enum Verdict
    {
        Admitted,
        KeyExhausted,
        AddressExhausted,
    }

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private DateTimeOffset _windowStart;
    private int _requestsInWindow;

    /// <summary>Counts one request of <paramref name="address"/> (null: an unattributed call, counted against the key only).</summary>
    public Verdict TryTake(string? address, int keyPerMinute, int addressPerMinute, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= Window)
        {
            _windowStart = now;
            _requestsInWindow = 0;
            _byAddress.Clear();
        }
        retryAfter = _windowStart + Window - now;
        var byAddress = address is null ? 0 : _byAddress.GetValueOrDefault(address);
        if (address is not null && byAddress >= addressPerMinute)
        {
            return Verdict.AddressExhausted;
        }
        if (++_requestsInWindow > keyPerMinute)
        {
            return Verdict.KeyExhausted;
        }
        if (address is not null)
        {
            _byAddress[address] = byAddress + 1;
        }
        return Verdict.Admitted;
    }
}
