namespace Bob.Grains.Abstractions.Common;

/// <summary>Histogram buckets for Bob's duration instruments (seconds, as OpenTelemetry's semantic conventions use).</summary>
public static class Durations
{
    /// <summary>5 ms to 30 s: a cached answer, a built-in turn, a hosted-model turn, a timeout.</summary>
    public static readonly IReadOnlyList<double> Seconds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30];
}
