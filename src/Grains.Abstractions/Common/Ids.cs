using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Bob.Grains.Abstractions.Common;

/// <summary>Rules shared by every identifier Bob accepts from outside: <c>[A-Za-z0-9_-]{1,128}</c>.</summary>
public static partial class Ids
{
    public const int MaxLength = 128;

    /// <summary>The rule as problems state it.</summary>
    public const string Pattern = "[A-Za-z0-9_-]{1,128}";

    public static bool IsValid(string? value) => value is not null && IdPattern().IsMatch(value);

    /// <summary>A new unguessable id: a prefix and 128 bits of randomness, URL-safe.</summary>
    public static string New(string prefix) => prefix + RandomToken(16);

    public static string RandomToken(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        RandomNumberGenerator.Fill(buffer);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    // \z, not $: "$" also matches before a final newline, and "abc\n" would pass as an id.
    [GeneratedRegex("^" + Pattern + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
