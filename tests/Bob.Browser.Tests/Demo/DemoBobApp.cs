using System.Globalization;

namespace Bob.Browser.Tests.Demo;

/// <summary>Bob as <c>deploy/run.sh --demo</c> starts it: the demo settings on, so the node sets the sample shop up
/// through its own API and serves the shop's page on a second loopback port.</summary>
public sealed class DemoBobApp : BobWebApp
{
    public const string OwnerEmail = "owner@fernwood.example";
    public const string OwnerPassword = "fernwood-demo";

    public Uri ShopUrl { get; } = new($"http://127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}/");

    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:RateLimits:ChatPerMinutePerIp"] = "100000",
        ["Bob:Demo:ShopUrl"] = ShopUrl.GetLeftPart(UriPartial.Authority),
        ["Bob:Demo:OwnerEmail"] = OwnerEmail,
        ["Bob:Demo:OwnerPassword"] = OwnerPassword,
    };
}
