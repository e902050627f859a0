namespace Bob.Grains.Webhooks;

/// <summary>Settings under <c>Bob:Webhooks</c> (docs/operations.md).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Bob:Webhooks";

    /// <summary>Allows <c>http</c> and loopback/private addresses, for development and tests only. Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// The waits between attempts after each failure: attempt n+1 comes after <c>Delays[n-1]</c> (± 20 % jitter); once
    /// they are used up the delivery has failed. The default spans about a day (23 h 36 min, 10 attempts).
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
        TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(8),
    ];

    /// <summary>
    /// A configured schedule (<c>Bob:Webhooks:RetryDelays:0</c>, <c>:1</c>, …) that replaces <see cref="DefaultRetryDelays"/>.
    /// Empty by default because the configuration binder appends to an array it finds filled rather than replacing it.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>The schedule in force: the configured one, or the default.</summary>
    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;

    /// <summary>One attempt's whole time: connect, send, headers and the capped body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a receiver's answer is read (and thrown away) before the connection is released.</summary>
    public int MaxResponseBytes { get; set; } = 4096;

    /// <summary>A <c>Retry-After</c> longer than this is read as this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An endpoint whose every attempt failed for this long is disabled and the tenant told.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a rotated-out secret keeps signing beside the new one.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many deliveries of one endpoint are in flight at once.</summary>
    public int MaxInFlightPerEndpoint { get; set; } = 16;

    /// <summary>How often each silo looks for outbox rows another silo wrote (its own commits wake it at once).</summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo looks for deliveries nobody is sending (their endpoint's grain was lost with its silo).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The endpoint grain's reminder period while it has pending deliveries: the retry schedule survives restarts.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Keys that seal signing secrets at rest (AES-256-GCM), each base64 of 32 bytes. The first seals; all open, so a new key
    /// goes first and the old one stays until every secret was resealed. Required in Production.
    /// </summary>
    public string[] SecretKeys { get; set; } = [];

    /// <summary>A claimed delivery is someone's for this long; past it (its silo died mid-attempt) it is due again.</summary>
    public TimeSpan Lease => (2 * Timeout) + TimeSpan.FromSeconds(5);
}
