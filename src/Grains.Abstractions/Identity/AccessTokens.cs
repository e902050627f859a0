using System.Security.Cryptography;
using System.Text;

namespace Bob.Grains.Abstractions.Identity;

public static class AccessTokens
{
    /// <summary>The grain key (and stored identity) of a token: its SHA-256, hex. Tokens carry 256 random bits, so no salt is needed.</summary>
    public static string KeyOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Equal-time comparison for secrets such as CSRF tokens.</summary>
    public static bool SecretsEqual(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
