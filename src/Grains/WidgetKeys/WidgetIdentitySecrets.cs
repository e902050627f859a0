using System.Security.Cryptography;
using System.Text;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Grains.Webhooks;

namespace Bob.Grains.WidgetKeys;

/// <summary>
/// A widget key's identity secrets: sealed at rest like webhook secrets (<see cref="SecretProtector"/>, bound to the key id, so a
/// sealed secret copied to another key does not open), issued with the one they replace kept for <see cref="IdentitySecret.Overlap"/>.
/// </summary>
public static class WidgetIdentitySecrets
{
    public static Failure NoSecretYet() =>
        Failure.Validation("requireIdentity", "Issue the key's identity secret first (POST /api/widget-keys/{id}/identity-secret): without one no visitor could sign in.");

    /// <summary>A new secret's text (shown once) and the sealed list to keep: the new one first, the replaced ones retiring.</summary>
    public static (string Text, List<IdentitySecret> Kept) Issue(SecretProtector protector, string keyId, IReadOnlyList<IdentitySecret>? existing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var text = IdentitySecret.NewText();
        var kept = new List<IdentitySecret> { new(protector.Seal(Encoding.UTF8.GetBytes(text), BoundTo(keyId)), now, null) };
        kept.AddRange((existing ?? []).Where(s => s.VerifiesAt(now)).Select(s => s with { RetiresAt = s.RetiresAt ?? now + IdentitySecret.Overlap }));
        return (text, kept);
    }

    /// <summary>The secrets a key's authorization answers, opened; one that no longer opens (its sealing key was removed) is left out.</summary>
    public static IReadOnlyList<IdentitySecret>? Open(SecretProtector protector, WidgetKeyBinding binding)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(binding);
        if (binding.SealedIdentitySecrets is not { Count: > 0 } sealedSecrets)
        {
            return null;
        }
        var opened = new List<IdentitySecret>(sealedSecrets.Count);
        foreach (var secret in sealedSecrets)
        {
            try
            {
                opened.Add(secret with { Value = protector.Open(secret.Value, BoundTo(binding.KeyId)) });
            }
            catch (CryptographicException)
            {
                // Sealed under a key no longer configured: it cannot verify anyone; the business issues a new one.
            }
        }
        return opened;
    }

    private static string BoundTo(string keyId) => "widget-identity:" + keyId;
}
