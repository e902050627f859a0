namespace Bob.Browser.Tests.Infrastructure;

/// <summary>Bob on real Kestrel over loopback, for a browser. Every browser request comes from 127.0.0.1, so the
/// per-IP limits are lifted here (they are tested over HTTP); the per-key limit stays as configured. Webhooks may reach
/// the loopback receivers the Webhooks page tests run (plain http, through the recording <see cref="BobWebApp.Network"/>).</summary>
public sealed class BrowserBobApp : BobWebApp
{
    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:RateLimits:ChatPerMinutePerIp"] = "100000",
        ["Bob:RateLimits:WidgetKeyPerMinutePerIp"] = "100000",
        ["Bob:RateLimits:HandoffPerHourPerIp"] = "100000",
        ["Bob:Webhooks:AllowPrivateNetworks"] = "true",
    };
}
