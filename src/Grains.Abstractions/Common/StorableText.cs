namespace Bob.Grains.Abstractions.Common;

/// <summary>
/// The one rule for text Bob keeps: PostgreSQL stores any Unicode text except the NUL character, and UTF-8 cannot
/// encode a lone surrogate. The edge refuses such input (400 <c>validation_failed</c>); the storage boundary replaces
/// what slipped through (or was stored in grain state before the rule) with U+FFFD, so it can never fail a write.
/// </summary>
public static class StorableText
{
    public const char Replacement = '\uFFFD';

    public const string Rule = "must not contain NUL characters or unpaired surrogates.";

    public static bool IsStorable(string? text) => text is null || FirstUnstorable(text) < 0;

    /// <summary>The text with every NUL and unpaired surrogate replaced by U+FFFD (the same instance when clean).</summary>
    public static string Clean(string text)
    {
        var first = FirstUnstorable(text);
        if (first < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (chars[i] == '\0')
            {
                chars[i] = Replacement;
            }
            else if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = Replacement;
            }
        }
        return new string(chars);
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    private static int FirstUnstorable(string text)
    {
        var span = text.AsSpan();
        if (!span.Contains('\0') && !span.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return -1;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return i;
            }
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }
}
