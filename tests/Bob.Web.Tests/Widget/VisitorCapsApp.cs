using Bob.Web.Tests.Chat;
using Bob.Web.Tests.Infrastructure;

namespace Bob.Web.Tests.Widget;

/// <summary>
/// A Kestrel-served node with small caps: a widget key's 10 requests a minute with at most 3 per visitor address, 2
/// handoffs an hour per address and 2 webhook test sends a minute per tenant. Clients come from distinct loopback addresses.
/// </summary>
public sealed class VisitorCapsApp : BobWebApp
{
    public const int KeyPerMinute = 10;
    public const int PerAddressPerMinute = 3;
    public const int HandoffsPerHour = 2;
    public const int WebhookTestsPerMinute = 2;

    private int _nextAddress = 10;

    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:RateLimits:WidgetKeyPerMinute"] = $"{KeyPerMinute}",
        ["Bob:RateLimits:WidgetKeyPerMinutePerIp"] = $"{PerAddressPerMinute}",
        ["Bob:RateLimits:HandoffPerHourPerIp"] = $"{HandoffsPerHour}",
        ["Bob:RateLimits:WebhookTestsPerMinutePerTenant"] = $"{WebhookTestsPerMinute}",
        ["Bob:Webhooks:AllowPrivateNetworks"] = "true",
    };

    /// <summary>A widget on <see cref="ChatApi.ShopOrigin"/> whose visitor connects from a loopback address no other client used.</summary>
    public HttpClient NewVisitor(string widgetKey)
    {
        var client = LoopbackClients.From(this, $"127.0.0.{Interlocked.Increment(ref _nextAddress)}");
        client.DefaultRequestHeaders.Add("X-Widget-Key", widgetKey);
        client.DefaultRequestHeaders.Add("Origin", ChatApi.ShopOrigin);
        return client;
    }
}
