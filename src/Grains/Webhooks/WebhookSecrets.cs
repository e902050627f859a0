using System.Security.Cryptography;

namespace Bob.Grains.Webhooks;

/// <summary>Signing secrets as the Standard Webhooks scheme writes them: <c>whsec_</c> + base64 of the key bytes.</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>32 random bytes (the scheme allows 24–64).</summary>
    public const int KeyBytes = 32;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public static string Format(byte[] key) => Prefix + Convert.ToBase64String(key);

    public static byte[] Parse(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
    }
}
