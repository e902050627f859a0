using System.Text;

namespace Bob.Assistant.Safety;

/// <summary>
/// Detects a reply that repeats protected text (the persona's system prompt, the rules, the tone instruction) verbatim:
/// a run of <see cref="MinimumWordRun"/> consecutive words or <see cref="MinimumCharacterRun"/> characters,
/// compared case-insensitively with punctuation and spacing ignored.
/// </summary>
public sealed class SystemPromptLeakGuard
{
    public const int MinimumWordRun = 8;
    public const int MinimumCharacterRun = 40;

    private readonly HashSet<string> _protectedWordRuns = new(StringComparer.Ordinal);
    private readonly List<string> _protectedTexts = [];

    public SystemPromptLeakGuard(IEnumerable<string?> protectedTexts)
    {
        foreach (var text in protectedTexts)
        {
            var words = Words(text);
            if (words.Length == 0)
            {
                continue;
            }

            for (var start = 0; start + MinimumWordRun <= words.Length; start++)
            {
                _protectedWordRuns.Add(string.Join(' ', words, start, MinimumWordRun));
            }

            var normalized = string.Join(' ', words);
            if (normalized.Length >= MinimumCharacterRun)
            {
                _protectedTexts.Add(normalized);
            }
        }
    }

    public bool Leaks(string? reply)
    {
        var words = Words(reply);
        if (words.Length == 0)
        {
            return false;
        }

        for (var start = 0; start + MinimumWordRun <= words.Length; start++)
        {
            if (_protectedWordRuns.Contains(string.Join(' ', words, start, MinimumWordRun)))
            {
                return true;
            }
        }

        var normalizedReply = string.Join(' ', words);
        return normalizedReply.Length >= MinimumCharacterRun && _protectedTexts.Any(text => SharesRun(text, normalizedReply));
    }

    private static bool SharesRun(string protectedText, string reply)
    {
        for (var start = 0; start + MinimumCharacterRun <= protectedText.Length; start++)
        {
            if (reply.Contains(protectedText.AsSpan(start, MinimumCharacterRun), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var current = new StringBuilder();
        foreach (var character in text)
        {
            if (char.IsLetterOrDigit(character))
            {
                current.Append(char.ToLowerInvariant(character));
            }
            else if (character is '\'' or '’')
            {
                // "don't" and "dont" compare equal.
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return [.. words];
    }
}
