namespace Bob.Grains.WidgetKeys;

/// <summary>
/// A widget key's one-minute window: the key's total, and within it a cap per visitor address, so a few addresses (with a
/// forged Origin, say) spend their own share and never the whole key. A refused address takes nothing from the key.
/// Requests are taken in blocks for web nodes' passes: at most an eighth of what is left of the key's total and of the
/// address's share (and at least one), so a block never strands much budget on one node, and near either limit every
/// request is counted one by one. What a node did not use of a block comes back while its window lasts.
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

    private const int BlockShare = 8;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private DateTimeOffset _windowStart;
    private int _requestsInWindow;

    /// <summary>The current window, as passes name it (its start in ticks).</summary>
    public long CurrentWindow
    {
        get
        {
            RollOver();
            return _windowStart.UtcTicks;
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> requests of <paramref name="address"/> (null: an unattributed call,
    /// counted against the key only); <paramref name="taken"/> is how many (at least one when admitted).</summary>
    public Verdict TryTake(string? address, int wanted, int keyPerMinute, int addressPerMinute, out int taken, out TimeSpan retryAfter)
    {
        var now = RollOver();
        retryAfter = _windowStart + Window - now;
        taken = 0;
        var byAddress = address is null ? 0 : _byAddress.GetValueOrDefault(address);
        if (address is not null && byAddress >= addressPerMinute)
        {
            return Verdict.AddressExhausted;
        }
        if (_requestsInWindow >= keyPerMinute)
        {
            return Verdict.KeyExhausted;
        }
        taken = Math.Min(Math.Max(1, wanted), Block(keyPerMinute - _requestsInWindow));
        if (address is not null)
        {
            taken = Math.Min(taken, Block(addressPerMinute - byAddress));
            _byAddress[address] = byAddress + taken;
        }
        _requestsInWindow += taken;
        return Verdict.Admitted;
    }

    /// <summary>Gives back <paramref name="count"/> requests of <paramref name="address"/> a node did not use, when they were
    /// taken in the current <paramref name="window"/> (a window that is over has nothing left to give back to).</summary>
    public void GiveBack(long window, string? address, int count)
    {
        if (count <= 0 || window != CurrentWindow)
        {
            return;
        }
        _requestsInWindow = Math.Max(0, _requestsInWindow - count);
        if (address is not null && _byAddress.TryGetValue(address, out var byAddress))
        {
            _byAddress[address] = Math.Max(0, byAddress - count);
        }
    }

    private static int Block(int left) => Math.Max(1, left / BlockShare);

    private DateTimeOffset RollOver()
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= Window)
        {
            _windowStart = now;
            _requestsInWindow = 0;
            _byAddress.Clear();
        }
        return now;
    }
}
