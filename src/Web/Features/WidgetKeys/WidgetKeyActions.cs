using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Web.Auth;

namespace Bob.Web.Features.WidgetKeys;

/// <summary>What the API and Widget Setup both do with widget keys beyond a bare grain call.</summary>
public static class WidgetKeyActions
{
    /// <summary>A new key; without origins it is issued with none (it then serves no site until some are added).</summary>
    public static Task<Result<WidgetKeyView>> CreateAsync(IClusterClient cluster, Caller caller, WidgetKeyInput input) =>
        Catalog(cluster, caller).CreateAsync(input with { AllowedOrigins = input.AllowedOrigins ?? [] });

    /// <summary>The seed's tag, in the key's corner.</summary>
    public static EmbedCode EmbedCodeFor(WidgetKeyView key, string publicUrl)
    {
        var position = (key.Appearance ?? WidgetAppearance.Default).Position;
        return new EmbedCode($"<script src=\"{publicUrl}/widget/loader.js\" data-widget-key=\"{key.Key}\" data-position=\"{position}\" async></script>", key.Key, position);
    }

    public static IWidgetKeyCatalogGrain Catalog(IClusterClient cluster, Caller caller) => cluster.GetGrain<IWidgetKeyCatalogGrain>(caller.Tenant);
}
