using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;

namespace Bob.Grains.Webhooks;

/// <summary>An endpoint's row in <c>bob_webhook_endpoints</c>; its secrets stay sealed (<see cref="SecretProtector"/>) here.</summary>
public sealed record WebhookEndpointRecord(
    TenantId Tenant, string Id, string Url, string Description, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason,
    DateTimeOffset? DisabledAt, DateTimeOffset? FailingSince, byte[] Secret, byte[]? PreviousSecret, DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>What the sealed secrets are bound to: this endpoint and no other.</summary>
    public string SecretBinding => WebhookEndpoints.Key(Tenant, Id);

    public WebhookEndpointView View(DateTimeOffset now, string? secret = null) => new(Id, Url, Events, Description,
        Enabled ? WebhookEndpointStatus.Active : WebhookEndpointStatus.Disabled, DisabledReason, DisabledAt, CreatedAt, UpdatedAt, FailingSince,
        PreviousSecretExpiresAt > now ? PreviousSecretExpiresAt : null, secret);
}
