using System.Security.Cryptography;
using System.Text;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

/// <summary>A widget visitor's token: 128 random bits, URL-safe. Conversations keep only its SHA-256 (hex).</summary>
public static class VisitorTokens
{
    public static string New() => Ids.RandomToken(16);

    /// <summary>The token a conversation's opening turn keeps: the one the visitor proposed, else a new one. A widget that
    /// picks its token before the first send can retry that send after a lost answer and still prove the conversation is
    /// its own (only the hash is stored, so a replay could never hand a server-made token out again).</summary>
    public static string Issue(VisitorAccess? visitor) => visitor?.Token ?? New();

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True when <paramref name="token"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string? storedHash, string token) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(token)));
}
