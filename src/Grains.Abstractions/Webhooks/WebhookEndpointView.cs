using System.Text.Json.Serialization;

namespace Bob.Grains.Abstractions.Webhooks;

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
