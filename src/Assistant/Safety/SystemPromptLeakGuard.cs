namespace Bob.Assistant.Safety;

/// <summary>
/// Detects a reply that repeats protected text (the persona's system prompt, the rules, the tone instruction) verbatim:
/// a run of <see cref="MinimumWordRun"/> consecutive words or <see cref="MinimumCharacterRun"/> characters,
/// compared case-insensitively with punctuation and spacing ignored. Each protected text is prepared once
/// (<see cref="ProtectedText"/>); a check normalizes the reply into pooled buffers and looks its runs up without
/// building a string per run.
/// </summary>
public sealed class SystemPromptLeakGuard
{
    public const int MinimumWordRun = 8;
    public const int MinimumCharacterRun = 40;

    private readonly List<ProtectedText> _texts = new(3);

    public SystemPromptLeakGuard(IEnumerable<string?> protectedTexts)
    {
        ArgumentNullException.ThrowIfNull(protectedTexts);
        foreach (var text in protectedTexts)
        {
            if (!string.IsNullOrEmpty(text))
            {
                _texts.Add(ProtectedText.Of(text));
            }
        }
    }

    public bool Leaks(string? reply)
    {
        if (string.IsNullOrEmpty(reply) || _texts.Count == 0)
        {
            return false;
        }

        using var words = NormalizedWords.Of(reply);
        foreach (var text in _texts)
        {
            if (text.SharesWordRun(words))
            {
                return true;
            }
        }

        if (words.Length < MinimumCharacterRun)
        {
            return false;
        }
        foreach (var text in _texts)
        {
            if (text.SharesCharacterRun(words.Text))
            {
                return true;
            }
        }
        return false;
    }
}
