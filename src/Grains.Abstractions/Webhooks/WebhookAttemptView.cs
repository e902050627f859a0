namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>One attempt to deliver an event: when, the receiver's status code (none when no answer came), how long, and why it failed.</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookAttemptView")]
public sealed record WebhookAttemptView(
    [property: Id(0)] int Attempt,
    [property: Id(1)] DateTimeOffset AttemptedAt,
    [property: Id(2)] int? StatusCode,
    [property: Id(3)] int LatencyMs,
    [property: Id(4)] string? Error,
    [property: Id(5)] DateTimeOffset? NextRetryAt);
