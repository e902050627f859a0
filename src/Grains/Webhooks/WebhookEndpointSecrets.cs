using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// An endpoint's signing secrets: a fresh one at creation, a rotation that keeps the old one signing for
/// <see cref="WebhookOptions.SecretOverlap"/>, and the keys each delivery is signed with. Stored sealed
/// (<see cref="SecretProtector"/>); the plain secret leaves only in the answer to its creation or rotation.
/// </summary>
public sealed class WebhookEndpointSecrets(SecretProtector protector, IOptions<WebhookOptions> options)
{
    /// <returns>The endpoint with a new sealed secret, and that secret as shown once (<c>whsec_…</c>).</returns>
    public (WebhookEndpointRecord Endpoint, string Secret) Issue(WebhookEndpointRecord endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = WebhookSecrets.NewKey();
        return (endpoint with { Secret = protector.Seal(key, endpoint.SecretBinding) }, WebhookSecrets.Format(key));
    }

    /// <returns>The endpoint signing with a new secret and, until the overlap ends, its current one; and the new secret as shown once.</returns>
    public (WebhookEndpointRecord Endpoint, string Secret) Rotate(WebhookEndpointRecord endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = WebhookSecrets.NewKey();
        var rotated = endpoint with
        {
            Secret = protector.Seal(key, endpoint.SecretBinding),
            PreviousSecret = endpoint.Secret,
            PreviousSecretExpiresAt = now + options.Value.SecretOverlap,
            UpdatedAt = now,
        };
        return (rotated, WebhookSecrets.Format(key));
    }

    /// <summary>The current secret, and the rotated-out one while its overlap lasts.</summary>
    public IReadOnlyList<byte[]> SigningKeys(WebhookEndpointRecord endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var keys = new List<byte[]> { protector.Open(endpoint.Secret, endpoint.SecretBinding) };
        if (endpoint.PreviousSecret is { } previous && endpoint.PreviousSecretExpiresAt > now)
        {
            keys.Add(protector.Open(previous, endpoint.SecretBinding));
        }
        return keys;
    }
}
