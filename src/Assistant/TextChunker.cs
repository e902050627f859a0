using System.Text.RegularExpressions;

namespace Bob.Assistant;

/// <summary>
/// Splits text into chunks of up to <see cref="WordsPerChunk"/> words (each word with its trailing whitespace) that
/// concatenate back to the text: what the built-in engine streams, since its whole answer exists at once. A chunk per
/// word made every word its own stream item, leak check, SSE event and socket write, and a streamed turn cost 40 % more
/// than a JSON one (docs/performance.md, 2026-12-07).
/// </summary>
public static partial class TextChunker
{
    public const int WordsPerChunk = 8;

    public static IEnumerable<string> Chunks(string text) =>
        WordWithSpacing().Matches(text).Select(match => match.Value).Chunk(WordsPerChunk).Select(words => string.Concat(words));

    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex WordWithSpacing();
}
