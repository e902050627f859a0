using System.Globalization;

namespace Bob.Load;

/// <summary>
/// The whole machine's CPU time, from the first line of Linux's <c>/proc/stat</c> (every process: the node, PostgreSQL
/// and this tool alike). A phase's CPU per request is what it cost the machine, which a throughput ratio on a shared
/// 2-core machine only implies. Elsewhere (no <c>/proc/stat</c>) it is unknown and reported as such.
/// </summary>
public readonly record struct MachineCpu(long BusyTicks, long TotalTicks)
{
    /// <summary>Linux reports <c>/proc/stat</c> in USER_HZ, which is 100 on every architecture .NET runs on.</summary>
    private const double MicrosecondsPerTick = 1_000_000d / 100;

    public static MachineCpu? Read() => File.Exists("/proc/stat") ? Parse(File.ReadLines("/proc/stat").First()) : null;

    /// <summary>The aggregate "cpu" line: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy.</summary>
    public static MachineCpu? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || fields[0] != "cpu")
        {
            return null;
        }
        var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return new MachineCpu(total - ticks[3] - ticks[4], total);
    }

    /// <summary>Between two readings: microseconds of machine CPU per request, and the share of the machine that was busy.</summary>
    public static (double MicrosPerRequest, double BusyShare)? Between(MachineCpu? before, MachineCpu? after, int requests) =>
        before is { } a && after is { } b && requests > 0 && b.TotalTicks > a.TotalTicks
            ? ((b.BusyTicks - a.BusyTicks) * MicrosecondsPerTick / requests, (double)(b.BusyTicks - a.BusyTicks) / (b.TotalTicks - a.TotalTicks))
            : null;
}
