namespace Bob.Hosting.Telemetry;

/// <summary>Settings under <c>Bob:Telemetry</c>. The OTLP exporter itself follows the standard <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Bob:Telemetry";

    /// <summary>The standard variable that switches the OTLP exporter on (traces, metrics and logs).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>False turns OpenTelemetry off entirely (no meters collected, no scrape endpoint, no spans).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Record spans. Null (the default) means "when an OTLP endpoint is set": without an exporter spans would be
    /// built only to be thrown away. Tests set it to true and add an in-memory exporter.
    /// </summary>
    public bool? Tracing { get; set; }
}
