namespace Bob.Grains.Webhooks;

/// <summary>An attempt's outcome as the log records it.</summary>
public sealed record RecordedAttempt(long Seq, string Status, DateTimeOffset? NextAttemptAt, AttemptResult Result, DateTimeOffset AttemptedAt);
