using System.Security.Cryptography;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>What a public widget key looks like: <c>pk_live_</c> followed by 128 random bits in hex.</summary>
public static class WidgetKeyFormat
{
    public const string Prefix = "pk_live_";

    /// <summary>Longer values are refused before any grain is asked (today's keys are 40 characters).</summary>
    public const int MaxLength = 64;

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="value"/> could be a widget key; only its grain knows whether it is a live one.
    /// The value becomes a grain key (storage), so only the characters keys are minted from may pass.</summary>
    public static bool LooksLikeKey(string? value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length <= MaxLength && Common.Ids.IsValid(value);
}
