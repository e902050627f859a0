using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// Seals webhook signing secrets at rest with AES-256-GCM under keys from configuration (<see cref="WebhookOptions.SecretKeys"/>),
/// bound to the endpoint they belong to, so a database dump alone yields no usable secret and a sealed secret copied to another
/// endpoint's row does not open. Sealed form: version (1) · key id (4) · nonce (12) · tag (16) · ciphertext.
/// Without a configured key (development) a fixed development key is used and a warning logged; Production refuses to start.
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private const int KeyIdBytes = 4;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private static readonly byte[] DevelopmentKey = SHA256.HashData(Encoding.UTF8.GetBytes("bob development webhook secret key - not for production"));

    private readonly List<(byte[] Id, byte[] Key)> _keys;

    public SecretProtector(IOptions<WebhookOptions> options, IHostEnvironment environment, ILogger<SecretProtector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = options.Value.SecretKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(ParseKey).ToList();
        if (configured.Count == 0)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    "Bob:Webhooks:SecretKeys is not set (environment: Bob__Webhooks__SecretKeys__0=<base64 of 32 random bytes>): " +
                    "webhook signing secrets are sealed with it. Generate one with: head -c 32 /dev/urandom | base64");
            }
            logger.LogWarning("Bob:Webhooks:SecretKeys is not set: webhook secrets are sealed with the built-in development key.");
            configured.Add(DevelopmentKey);
        }
        _keys = [.. configured.Select(k => (SHA256.HashData(k)[..KeyIdBytes], k))];
    }

    public byte[] Seal(byte[] secret, string boundTo)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var (id, key) = _keys[0];
        var sealedBytes = new byte[1 + KeyIdBytes + NonceBytes + TagBytes + secret.Length];
        sealedBytes[0] = Version;
        id.CopyTo(sealedBytes, 1);
        var nonce = sealedBytes.AsSpan(1 + KeyIdBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(1 + KeyIdBytes + NonceBytes + TagBytes), sealedBytes.AsSpan(1 + KeyIdBytes + NonceBytes, TagBytes),
            Encoding.UTF8.GetBytes(boundTo));
        return sealedBytes;
    }

    /// <exception cref="CryptographicException">The secret was sealed with a key no longer configured, or for another endpoint.</exception>
    public byte[] Open(byte[] sealedBytes, string boundTo)
    {
        ArgumentNullException.ThrowIfNull(sealedBytes);
        if (sealedBytes.Length < 1 + KeyIdBytes + NonceBytes + TagBytes || sealedBytes[0] != Version)
        {
            throw new CryptographicException("Not a sealed webhook secret.");
        }
        var keyId = sealedBytes[1..(1 + KeyIdBytes)];
        var key = _keys.Find(k => k.Id.AsSpan().SequenceEqual(keyId)).Key
            ?? throw new CryptographicException("The webhook secret was sealed with a key that is not configured (Bob:Webhooks:SecretKeys).");
        var secret = new byte[sealedBytes.Length - 1 - KeyIdBytes - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(1 + KeyIdBytes, NonceBytes), sealedBytes.AsSpan(1 + KeyIdBytes + NonceBytes + TagBytes),
            sealedBytes.AsSpan(1 + KeyIdBytes + NonceBytes, TagBytes), secret, Encoding.UTF8.GetBytes(boundTo));
        return secret;
    }

    private static byte[] ParseKey(string base64)
    {
        var key = Convert.FromBase64String(base64.Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException("Each Bob:Webhooks:SecretKeys entry must be base64 of exactly 32 bytes.");
    }
}
