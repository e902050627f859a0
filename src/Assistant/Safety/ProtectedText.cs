using System.Collections.Concurrent;

namespace Bob.Assistant.Safety;

/// <summary>
/// One protected text prepared for <see cref="SystemPromptLeakGuard"/>: its runs of
/// <see cref="SystemPromptLeakGuard.MinimumWordRun"/> words and the hashes of its runs of
/// <see cref="SystemPromptLeakGuard.MinimumCharacterRun"/> characters, all normalized. Prepared once per distinct text
/// (the rules, six tone instructions, each persona's prompt) and kept in a small bounded cache, so a turn only scans its reply.
/// </summary>
internal sealed class ProtectedText
{
    private const int CacheCapacity = 512;
    private static readonly ConcurrentDictionary<string, ProtectedText> Prepared = new(StringComparer.Ordinal);

    private readonly HashSet<string> _wordRuns = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _wordRunLookup;
    private readonly HashSet<ulong> _characterRunHashes = [];
    private readonly string _normalized;

    private ProtectedText(string text)
    {
        _wordRunLookup = _wordRuns.GetAlternateLookup<ReadOnlySpan<char>>();
        using var words = NormalizedWords.Of(text);
        for (var start = 0; start + SystemPromptLeakGuard.MinimumWordRun <= words.Count; start++)
        {
            _wordRuns.Add(words.Run(start, SystemPromptLeakGuard.MinimumWordRun).ToString());
        }

        _normalized = words.Length >= SystemPromptLeakGuard.MinimumCharacterRun ? words.Text.ToString() : "";
        foreach (var hash in CharacterRunHashes.Of(_normalized))
        {
            _characterRunHashes.Add(hash);
        }
    }

    public static ProtectedText Of(string text)
    {
        if (Prepared.TryGetValue(text, out var prepared))
        {
            return prepared;
        }
        if (Prepared.Count >= CacheCapacity)
        {
            Prepared.Clear();
        }
        return Prepared.GetOrAdd(text, static text => new ProtectedText(text));
    }

    public bool SharesWordRun(in NormalizedWords reply)
    {
        for (var start = 0; start + SystemPromptLeakGuard.MinimumWordRun <= reply.Count; start++)
        {
            if (_wordRunLookup.Contains(reply.Run(start, SystemPromptLeakGuard.MinimumWordRun)))
            {
                return true;
            }
        }
        return false;
    }

    public bool SharesCharacterRun(ReadOnlySpan<char> normalizedReply)
    {
        if (_characterRunHashes.Count == 0)
        {
            return false;
        }
        var window = SystemPromptLeakGuard.MinimumCharacterRun;
        var hashes = new CharacterRunHashes(normalizedReply);
        for (var start = 0; hashes.MoveNext(); start++)
        {
            // A matching hash is confirmed by comparing the characters, so a collision never counts as a leak.
            if (_characterRunHashes.Contains(hashes.Current) && _normalized.AsSpan().IndexOf(normalizedReply.Slice(start, window), StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }
        return false;
    }
}
