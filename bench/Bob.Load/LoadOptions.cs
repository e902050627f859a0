using System.Globalization;

namespace Bob.Load;

/// <summary>
/// Command line: --url, --duration (s), --connections, --sessions, --tenants (each has its plan's monthly credits),
/// --webhooks none|ok|hang (each tenant registers a loopback receiver for conversation and message events; the target
/// must run with Bob__Webhooks__AllowPrivateNetworks=true), --pii-redaction on|off (sets the tenants' governance and sends
/// a message holding an email and a phone number either way, so the two runs differ only in redaction).
/// Bounded in time and count by design.
/// </summary>
public sealed record LoadOptions(Uri Url, TimeSpan Duration, int Connections, int Sessions, int Tenants, WebhookMode Webhooks = WebhookMode.None, bool? PiiRedaction = null)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }
        var url = new Uri(Value("--url", "http://127.0.0.1:5080"));
        if (!url.IsLoopback)
        {
            throw new ArgumentException("The load tool only targets loopback addresses.");
        }
        return new LoadOptions(
            url,
            TimeSpan.FromSeconds(Math.Clamp(int.Parse(Value("--duration", "15"), CultureInfo.InvariantCulture), 1, 300)),
            Math.Clamp(int.Parse(Value("--connections", "32"), CultureInfo.InvariantCulture), 1, 512),
            Math.Clamp(int.Parse(Value("--sessions", "500"), CultureInfo.InvariantCulture), 1, 100_000),
            Math.Clamp(int.Parse(Value("--tenants", "10"), CultureInfo.InvariantCulture), 1, 100),
            Enum.Parse<WebhookMode>(Value("--webhooks", "none"), ignoreCase: true),
            Value("--pii-redaction", "") switch
            {
                "" => null,
                "on" => true,
                "off" => false,
                _ => throw new ArgumentException("--pii-redaction is on or off."),
            });
    }
}
