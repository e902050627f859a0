using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Webhooks;

/// <summary>A new endpoint, or the fields of a PATCH (null leaves one as it is; <see cref="Enabled"/> only on PATCH).</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookEndpointInput")]
public sealed record WebhookEndpointInput(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool? Enabled = null);

/// <summary>
/// An endpoint as the API shows it. <see cref="Secret"/> (<c>whsec_…</c>) is set only in the answer to its creation and to a
/// rotation; <see cref="PreviousSecretExpiresAt"/> says until when the rotated-out secret still signs beside it.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookEndpointView")]
public sealed record WebhookEndpointView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string Description,
    [property: Id(4)] string Status,
    [property: Id(5)] string? DisabledReason,
    [property: Id(6)] DateTimeOffset? DisabledAt,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] DateTimeOffset? FailingSince,
    [property: Id(10)] DateTimeOffset? PreviousSecretExpiresAt,
    [property: Id(11), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null);

/// <summary>One attempt to deliver an event: when, the receiver's status code (none when no answer came), how long, and why it failed.</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookAttemptView")]
public sealed record WebhookAttemptView(
    [property: Id(0)] int Attempt,
    [property: Id(1)] DateTimeOffset AttemptedAt,
    [property: Id(2)] int? StatusCode,
    [property: Id(3)] int LatencyMs,
    [property: Id(4)] string? Error,
    [property: Id(5)] DateTimeOffset? NextRetryAt);

/// <summary>One event on its way to one endpoint, with every attempt so far (newest last).</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookDeliveryView")]
public sealed record WebhookDeliveryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string EventId,
    [property: Id(2)] string EventType,
    [property: Id(3)] string Status,
    [property: Id(4)] int Attempt,
    [property: Id(5)] int? StatusCode,
    [property: Id(6)] int? LatencyMs,
    [property: Id(7)] string? Error,
    [property: Id(8)] DateTimeOffset? NextRetryAt,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] IReadOnlyList<WebhookAttemptView> Attempts);

/// <summary>A page of the delivery log, newest first; <see cref="NextCursor"/> fetches the next (older) page, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookDeliveryPage")]
public sealed record WebhookDeliveryPage(
    [property: Id(0)] IReadOnlyList<WebhookDeliveryView> Items,
    [property: Id(1)] string? NextCursor);

/// <summary>The test event queued for one endpoint.</summary>
[GenerateSerializer, Immutable, Alias("bob.WebhookTestQueued")]
public sealed record WebhookTestQueued(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string EventId);

public static class WebhookRules
{
    public const int UrlMax = 2048;
    public const int DescriptionMax = 500;
    public const int PageSizeDefault = 20;
    public const int PageSizeMax = 100;
}
