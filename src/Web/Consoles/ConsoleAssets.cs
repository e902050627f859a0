using System.Collections.Frozen;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Bob.Web.Consoles;

/// <summary>One console stylesheet or script: plain and gzip, and the hash that versions its address.</summary>
public sealed record ConsoleAsset(string Name, string ContentType, byte[] Plain, byte[] Gzip, string Hash)
{
    public string Url => $"{ConsoleAssets.BasePath}/{Name}?v={Hash}";
}

/// <summary>
/// The consoles' few hand-written files (Consoles/Assets: one stylesheet, two small scripts), compiled into the
/// assembly and compressed once at start-up: nothing to build, nothing on disk to lose on a web node.
/// </summary>
public sealed class ConsoleAssets
{
    public const string BasePath = "/assets";
    public const string Stylesheet = "console.css";
    public const string Script = "console.js";
    public const string MissionControlScript = "mission-control.js";

    private const string ResourcePrefix = "Bob.Web.Consoles.Assets.";

    private readonly FrozenDictionary<string, ConsoleAsset> _assets;

    public ConsoleAssets()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var plain = new MemoryStream();
            stream.CopyTo(plain);
            var bytes = plain.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            assets[name] = new ConsoleAsset(name, type, bytes, Gzip(bytes), Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public ConsoleAsset? Find(string name) => _assets.GetValueOrDefault(name);

    public ConsoleAsset this[string name] => _assets[name];

    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(plain);
        }
        return output.ToArray();
    }
}
