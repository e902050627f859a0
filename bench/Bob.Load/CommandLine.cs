using System.Globalization;

namespace Bob.Load;

/// <summary>The load tool's options, read the same way by every command: <c>--name value</c> pairs, loopback targets only.</summary>
public static class CommandLine
{
    public static string Value(string[] args, string name, string fallback)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public static int Int(string[] args, string name, int fallback, int min, int max) =>
        Math.Clamp(int.Parse(Value(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture), min, max);

    /// <summary>The first <c>--url</c> to load; anything but a loopback address is refused.</summary>
    public static Uri LoopbackUrl(string[] args) => LoopbackUrls(args)[0];

    /// <summary>
    /// Every web node to load: each <c>--url</c> may be given several times and may hold a comma-separated list
    /// (<c>--url http://127.0.0.1:5980,http://127.0.0.1:5981</c>); any address that is not loopback is refused.
    /// </summary>
    public static IReadOnlyList<Uri> LoopbackUrls(string[] args, string fallback = "http://127.0.0.1:5080")
    {
        ArgumentNullException.ThrowIfNull(args);
        var given = args.Select((arg, at) => (arg, at)).Where(p => p.arg == "--url" && p.at + 1 < args.Length).Select(p => args[p.at + 1]).ToList();
        var urls = (given.Count == 0 ? [fallback] : given)
            .SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(text => new Uri(text))
            .Distinct()
            .ToList();
        if (urls.Count == 0 || urls.Any(url => !url.IsLoopback))
        {
            throw new ArgumentException("The load tool only targets loopback addresses.");
        }
        return urls;
    }
}
