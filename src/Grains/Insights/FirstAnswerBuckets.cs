namespace Bob.Grains.Insights;

/// <summary>
/// First-answer times are kept per day as a histogram, so a median over any range reads days × buckets rows. Buckets are
/// 10 ms wide under 1 s, 100 ms under 10 s, 1 s under 10 min and 1 min beyond (the last one holds everything past a day).
/// </summary>
public static class FirstAnswerBuckets
{
    private const long Second = 1_000, TenSeconds = 10_000, TenMinutes = 600_000, Minute = 60_000;
    private const int Last = 780 + 1_430;

    public static short Of(long milliseconds)
    {
        var ms = Math.Max(0, milliseconds);
        long bucket = ms < Second ? ms / 10
            : ms < TenSeconds ? 100 + (ms - Second) / 100
            : ms < TenMinutes ? 190 + (ms - TenSeconds) / 1_000
            : 780 + (ms - TenMinutes) / Minute;
        return (short)Math.Min(bucket, Last);
    }

    /// <summary>The bucket's upper bound in milliseconds: a median is reported as "at most this".</summary>
    public static long UpperBound(short bucket) =>
        bucket < 100 ? (bucket + 1) * 10L
        : bucket < 190 ? Second + (bucket - 99) * 100L
        : bucket < 780 ? TenSeconds + (bucket - 189) * 1_000L
        : TenMinutes + (bucket - 779) * Minute;

    /// <summary>The lower median (the answer at position ⌈n/2⌉ in time order) of a histogram, or null when it is empty.</summary>
    public static long? Median(IReadOnlyDictionary<short, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Values.Sum();
        if (total == 0)
        {
            return null;
        }
        var middle = (total + 1) / 2;
        long seen = 0;
        foreach (var (bucket, count) in counts.OrderBy(c => c.Key))
        {
            seen += count;
            if (seen >= middle)
            {
                return UpperBound(bucket);
            }
        }
        return null;
    }
}
