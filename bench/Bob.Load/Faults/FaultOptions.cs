using System.Globalization;

namespace Bob.Load.Faults;

/// <summary>
/// One fault run: steady widget chat at <see cref="Rate"/> turns/s for <see cref="Duration"/> through every web node in
/// <see cref="Urls"/> (round robin), the fault applied at <see cref="FaultAt"/>, then an audit of the transcript in
/// <see cref="Database"/>. Loopback only, bounded in time (≤ 300 s) and rate (≤ 500/s).
/// </summary>
public sealed record FaultOptions(
    IReadOnlyList<Uri> Urls,
    string Database,
    string Label,
    TimeSpan Duration,
    TimeSpan FaultAt,
    double Rate,
    int Sessions,
    int Tenants)
{
    /// <summary>How long the audit waits for the credit meters to settle (a charge lost with a silo heals at the next recount).</summary>
    public TimeSpan SettleDeadline { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Every how many acknowledged turns one is sent again with the same client_message_id (a client's retry).</summary>
    public int ResendEvery { get; init; } = 10;

    /// <summary>Every how many turns one is streamed (server-sent events) instead of answered as JSON; 0: none.</summary>
    public int StreamEvery { get; init; }

    /// <summary>A request that took longer than this counts as part of the disruption (the 5 s target).</summary>
    public TimeSpan SlowAfter { get; init; } = TimeSpan.FromSeconds(5);

    public static FaultOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.LastIndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }
        if (!args.Contains("--url"))
        {
            throw new ArgumentException("Give one --url per web node, loopback addresses only.");
        }
        var urls = CommandLine.LoopbackUrls(args);
        double Number(string name, double fallback, double min, double max) =>
            Math.Clamp(double.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), min, max);
        var duration = TimeSpan.FromSeconds(Number("--duration", 20, 5, 300));
        return new FaultOptions(
            urls,
            Value("--pg") ?? throw new ArgumentException("--pg CONNECTION_STRING (the cluster's database) is required for the audit."),
            Value("--label") ?? "fault",
            duration,
            TimeSpan.FromSeconds(Number("--fault-at", duration.TotalSeconds / 4, 1, duration.TotalSeconds - 1)),
            Number("--rate", 20, 1, 500),
            (int)Number("--sessions", 200, 1, 100_000),
            (int)Number("--tenants", 4, 1, 100))
        {
            StreamEvery = (int)Number("--stream-every", 0, 0, 1000),
        };
    }
}
