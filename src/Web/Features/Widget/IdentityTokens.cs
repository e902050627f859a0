using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Web.Features.Widget;

/// <summary>
/// Verifies a visitor identity the business's server signed with its widget key's identity secret, in either form docs/WIDGET.md
/// shows: <c>userId.hex(HMAC-SHA256(secret, userId))</c>, or an HS256 JWT (<c>sub</c>, optional <c>email</c>, <c>name</c>;
/// <c>exp</c> required, at most 24 h ahead). Signatures compare in constant time; only HS256 is accepted (never <c>none</c>);
/// times allow <see cref="ClockSkew"/>. Pure: the caller brings the secrets and the time.
/// </summary>
public static class IdentityTokens
{
    public const int MaxLength = 4096;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LongestLife = TimeSpan.FromHours(24);

    /// <summary>The verified visitor, or null with why not in <paramref name="reason"/> (safe to show: it names no secret).</summary>
    public static VerifiedVisitor? Verify(string token, IReadOnlyList<IdentitySecret>? secrets, DateTimeOffset now, out string reason)
    {
        ArgumentNullException.ThrowIfNull(token);
        reason = "The identity is not signed with this widget key's identity secret.";
        var live = secrets?.Where(s => s.VerifiesAt(now)).ToList() ?? [];
        if (token.Length > MaxLength || live.Count == 0)
        {
            if (live.Count == 0)
            {
                reason = "This widget key has no identity secret: issue one before signing visitors.";
            }
            return null;
        }
        var parts = token.Split('.');
        return parts.Length == 3 && parts[0].StartsWith("eyJ", StringComparison.Ordinal)
            ? VerifyJwt(parts, live, now, ref reason)
            : VerifyHmac(token, live);
    }

    private static VerifiedVisitor? VerifyHmac(string token, List<IdentitySecret> secrets)
    {
        var dot = token.LastIndexOf('.');
        if (dot <= 0 || token.Length - dot - 1 != 64)
        {
            return null;
        }
        var userId = token[..dot];
        byte[] signature;
        try
        {
            signature = Convert.FromHexString(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }
        return IsUserId(userId) && secrets.Any(s => SignatureMatches(s.Value, Encoding.UTF8.GetBytes(userId), signature))
            ? new VerifiedVisitor(userId, null, null)
            : null;
    }

    private static VerifiedVisitor? VerifyJwt(string[] parts, List<IdentitySecret> secrets, DateTimeOffset now, ref string reason)
    {
        if (Decode(parts[0]) is not { } headerBytes || Decode(parts[2]) is not { } signature || Decode(parts[1]) is not { } payloadBytes)
        {
            return null;
        }
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                reason = "Only HS256-signed identity tokens are accepted.";
                return null;
            }
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!secrets.Any(s => SignatureMatches(s.Value, signed, signature)))
            {
                return null;
            }
            using var payload = JsonDocument.Parse(payloadBytes);
            return Claims(payload.RootElement, now, ref reason);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The claims of a correctly signed token: its times first (expired, too long-lived, not yet valid), then who.</summary>
    private static VerifiedVisitor? Claims(JsonElement claims, DateTimeOffset now, ref string reason)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (Time(claims, "exp") is not { } expires)
        {
            reason = "The identity token needs an exp (at most 24 hours ahead).";
            return null;
        }
        if (expires <= now - ClockSkew)
        {
            reason = "The identity token has expired.";
            return null;
        }
        if (expires > now + LongestLife + ClockSkew)
        {
            reason = "The identity token's exp is more than 24 hours ahead.";
            return null;
        }
        if (Time(claims, "iat") > now + ClockSkew || Time(claims, "nbf") > now + ClockSkew)
        {
            reason = "The identity token is not valid yet (iat or nbf is in the future).";
            return null;
        }
        var userId = Text(claims, "sub");
        var email = Text(claims, "email");
        var name = Text(claims, "name");
        if (userId is null || !IsUserId(userId) || email?.Length > VerifiedVisitor.EmailMax || name?.Length > VerifiedVisitor.NameMax
            || (email is not null && !IsPrintable(email)) || (name is not null && !IsPrintable(name)))
        {
            reason = $"The identity token needs a sub of 1..{VerifiedVisitor.UserIdMax} printable characters (email ≤ {VerifiedVisitor.EmailMax}, name ≤ {VerifiedVisitor.NameMax}).";
            return null;
        }
        return new VerifiedVisitor(userId, email, name);
    }

    /// <summary>A numeric date claim in seconds since the epoch; a claim that is present but not a number counts as absent-and-bad
    /// only for <c>exp</c> (the caller requires it); for <c>iat</c>/<c>nbf</c> a non-number is treated as far future (refused).</summary>
    private static DateTimeOffset? Time(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < 253402300799
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : name == "exp" ? null : DateTimeOffset.MaxValue;
    }

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool SignatureMatches(byte[] secret, byte[] data, byte[] signature) =>
        signature.Length == 32 && CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, data), signature);

    private static byte[]? Decode(string base64Url)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(base64Url.Length)];
        return Base64Url.TryDecodeFromChars(base64Url, bytes, out var written) ? bytes[..written] : null;
    }

    private static bool IsUserId(string userId) => userId.Length is > 0 and <= VerifiedVisitor.UserIdMax && IsPrintable(userId) && userId.Trim().Length == userId.Length;

    /// <summary>Non-empty, no control characters and no lone surrogates: what a name can be shown and stored as.</summary>
    private static bool IsPrintable(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                return false;
            }
            if (char.IsSurrogate(text[i]))
            {
                if (!char.IsSurrogatePair(text, i))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
