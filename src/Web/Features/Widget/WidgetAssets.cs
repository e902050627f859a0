using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Bob.Web.Features.Widget;

/// <summary>One built widget file as the build wrote it: plain, gzip and brotli.</summary>
public sealed record WidgetAsset(string Name, byte[] Plain, byte[]? Gzip, byte[]? Brotli, string Hash)
{
    /// <summary>Hashed names (<c>panel.&lt;hash&gt;.js</c>) never change content, so they are cached for a year;
    /// <c>loader.js</c> is the script tag's stable address and must pick up a new panel within minutes.</summary>
    public bool Immutable => Name != WidgetAssets.LoaderName;
}

/// <summary>
/// The widget's built files (see widget/build.mjs), read once into memory: about 30 KB in three encodings.
/// They come from the output's <c>widget/</c> folder (or <c>Bob:Widget:AssetsPath</c>), which the Web build fills.
/// </summary>
public sealed class WidgetAssets
{
    public const string LoaderName = "loader.js";

    private readonly FrozenDictionary<string, WidgetAsset> _assets;

    public WidgetAssets(IConfiguration configuration, ILogger<WidgetAssets> logger)
    {
        var folder = configuration["Bob:Widget:AssetsPath"] ?? Path.Combine(AppContext.BaseDirectory, "widget");
        var assets = new Dictionary<string, WidgetAsset>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.js"))
            {
                var plain = File.ReadAllBytes(path);
                var name = Path.GetFileName(path);
                assets[name] = new WidgetAsset(name, plain, ReadIfExists(path + ".gz"), ReadIfExists(path + ".br"),
                    Convert.ToHexStringLower(SHA256.HashData(plain))[..16]);
            }
        }
        if (!assets.ContainsKey(LoaderName))
        {
            logger.LogWarning("No widget build in {Folder}: /widget/loader.js answers 404. Build src/Web (it runs widget/build.mjs).", folder);
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public WidgetAsset? Find(string name) => _assets.GetValueOrDefault(name);

    public IEnumerable<WidgetAsset> All => _assets.Values;

    private static byte[]? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;
}
