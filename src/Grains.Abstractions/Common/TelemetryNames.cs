namespace Bob.Grains.Abstractions.Common;

/// <summary>
/// The names Bob's own telemetry is published under, shared by every process so one
/// <c>AddMeter</c>/<c>AddSource</c> collects the web node's and the silo's instruments alike.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The meter of Bob's own instruments (<c>bob.*</c>).</summary>
    public const string Meter = "Bob";

    /// <summary>The activity source of Bob's own spans.</summary>
    public const string ActivitySource = "Bob";

    /// <summary>The <c>RequestContext</c> key that carries the web request id into grain calls (and their logs).</summary>
    public const string RequestIdKey = "bob-rid";
}
