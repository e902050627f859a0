using System.Text.RegularExpressions;

namespace Bob.Assistant;

/// <summary>Splits text into word-ish chunks (a word with its trailing whitespace) that concatenate back to the text.</summary>
public static partial class TextChunker
{
    public static IEnumerable<string> WordChunks(string text) =>
        WordWithSpacing().Matches(text).Select(match => match.Value);

    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex WordWithSpacing();
}
