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

    /// <summary>The <c>--url</c> to load; anything but a loopback address is refused.</summary>
    public static Uri LoopbackUrl(string[] args)
    {
        var url = new Uri(Value(args, "--url", "http://127.0.0.1:5080"));
        return url.IsLoopback ? url : throw new ArgumentException("The load tool only targets loopback addresses.");
    }
}
