namespace Bob.Load;

/// <summary>
/// Command line: --url (one web node, or several: repeated or comma-separated, each loop of a phase
/// keeps to one of them, round robin), --duration (s), --connections, --sessions, --tenants (each has its plan's monthly credits),
/// --webhooks none|ok|hang (each tenant registers a loopback receiver for conversation and message events; the target
/// must run with Bob__Webhooks__AllowPrivateNetworks=true), --pii-redaction on|off (sets the tenants' governance and sends
/// a message holding an email and a phone number either way, so the two runs differ only in redaction), --warmup (s, default
/// 3: each measured phase is first run unmeasured for that long, so JIT tiering and pools settle before anything is counted;
/// the chat phase is not warmed when webhooks are on, so every event the receiver counts belongs to a measured turn).
/// --durable-db (an Npgsql connection string): also measure the simplest durable chat endpoint against that database.
/// --rounds (default 5): the durable endpoint and the three turn paths are measured in that many alternating rounds of
/// duration/rounds each, so a machine whose speed drifts during a run moves both sides of every ratio alike.
/// Bounded in time and count by design.
/// </summary>
public sealed record LoadOptions(IReadOnlyList<Uri> Urls, TimeSpan Duration, int Connections, int Sessions, int Tenants, WebhookMode Webhooks = WebhookMode.None, bool? PiiRedaction = null, TimeSpan WarmUp = default, string? DurableDatabase = null, int Rounds = 1)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback) => CommandLine.Value(args, name, fallback);
        var urls = CommandLine.LoopbackUrls(args);
        return new LoadOptions(
            urls,
            TimeSpan.FromSeconds(CommandLine.Int(args, "--duration", 10, 1, 300)),
            CommandLine.Int(args, "--connections", 50, 1, 512),
            CommandLine.Int(args, "--sessions", 4000, 1, 100_000),
            CommandLine.Int(args, "--tenants", 8, 1, 100),
            Enum.Parse<WebhookMode>(Value("--webhooks", "none"), ignoreCase: true),
            Value("--pii-redaction", "") switch
            {
                "" => null,
                "on" => true,
                "off" => false,
                _ => throw new ArgumentException("--pii-redaction is on or off."),
            },
            TimeSpan.FromSeconds(CommandLine.Int(args, "--warmup", 3, 0, 60)),
            Value("--durable-db", "") is { Length: > 0 } durable ? durable : null,
            CommandLine.Int(args, "--rounds", 5, 1, 10));
    }
}
