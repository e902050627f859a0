namespace Bob.Web.Tests.Webhooks;

/// <summary>
/// The app with webhooks allowed to reach loopback receivers over http (Bob:Webhooks:AllowPrivateNetworks), short retry
/// waits (200 ms) and a short attempt timeout, so retries and give-ups happen within a test's time.
/// </summary>
public sealed class WebhookApp : BobWebApp
{
    /// <summary>25 retries 200 ms apart: a receiver that hangs for a while (2 s per attempt) still gets its events afterwards.</summary>
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>(
        Enumerable.Range(0, 25).Select(i => KeyValuePair.Create($"Bob:Webhooks:RetryDelays:{i}", (string?)"00:00:00.200")))
    {
        ["Bob:Webhooks:AllowPrivateNetworks"] = "true",
        ["Bob:Webhooks:Timeout"] = "00:00:02",
        ["Bob:Webhooks:SweepInterval"] = "00:00:01",
        ["Bob:Webhooks:ReminderPeriod"] = "00:00:05",
    };
}
