using System.Security.Cryptography;
using System.Text;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

/// <summary>A widget visitor's token: 128 random bits, URL-safe. Conversations keep only its SHA-256 (hex).</summary>
public static class VisitorTokens
{
    public static string New() => Ids.RandomToken(16);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True when <paramref name="token"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string? storedHash, string token) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(token)));
}
