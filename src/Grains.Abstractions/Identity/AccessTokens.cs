using System.Security.Cryptography;
using System.Text;

namespace Bob.Grains.Abstractions.Identity;

public static class AccessTokens
{
    /// <summary>The grain key (and stored identity) of a token: its SHA-256, hex. Tokens carry 256 random bits, so no salt is needed.</summary>
    public static string KeyOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private const int MacBytes = 16;

    /// <summary>A new access token: 256 random bits, a dot, and a 128-bit HMAC-SHA256 of them under the cluster's
    /// <paramref name="signingKey"/> (<see cref="ITokenSigningKeyGrain"/>), so a web node tells a made-up token without a grain.</summary>
    public static string New(byte[] signingKey)
    {
        var random = Common.Ids.RandomToken(32);
        return random + "." + Mac(signingKey, random);
    }

    /// <summary>True when <paramref name="token"/> carries a valid MAC under <paramref name="signingKey"/>, compared in constant time.</summary>
    public static bool IsSigned(byte[] signingKey, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.LastIndexOf('.');
        return dot > 0 && SecretsEqual(Mac(signingKey, token[..dot]), token[(dot + 1)..]);
    }

    private static string Mac(byte[] signingKey, string random)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(random), mac);
        return Convert.ToBase64String(mac[..MacBytes]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Equal-time comparison for secrets such as CSRF tokens.</summary>
    public static bool SecretsEqual(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
