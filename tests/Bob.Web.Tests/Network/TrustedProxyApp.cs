namespace Bob.Web.Tests.Network;

/// <summary>
/// A Kestrel-served node behind a TLS-terminating proxy on 127.0.0.1 (trusted), with an https public URL and low per-IP
/// limits. A client on 127.0.0.2 is not a trusted proxy: its forwarded headers must be ignored.
/// </summary>
public sealed class TrustedProxyApp : BobWebApp
{
    public const int AuthPerMinute = 8;
    public const int ChatPerMinute = 4;
    public const string Proxy = "127.0.0.1";
    public const string Untrusted = "127.0.0.2";

    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Bob:Network:TrustedProxies"] = "127.0.0.1, 10.0.0.0/8",
        ["Bob:PublicUrl"] = "https://bob.example.test",
        ["Bob:RateLimits:AuthPerMinutePerIp"] = AuthPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bob:RateLimits:ChatPerMinutePerIp"] = ChatPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
