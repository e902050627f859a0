using System.Text.RegularExpressions;

namespace Bob.Assistant.Retrieval;

/// <summary>Splits article content into passages: one per paragraph, short headings joined to what follows, long paragraphs split at sentences.</summary>
public static partial class PassageChunker
{
    public const int TargetLength = 500;

    /// <summary>Paragraphs shorter than this (headings, one-liners) are joined to the next paragraph.</summary>
    public const int HeadingLength = 80;

    public static IReadOnlyList<string> Split(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return [];
        }

        var passages = new List<string>();
        var heading = string.Empty;
        foreach (var piece in ParagraphBreak().Split(content.Trim()))
        {
            var paragraph = Whitespace().Replace(piece, " ").Trim();
            if (paragraph.Length == 0)
            {
                continue;
            }

            var joined = heading.Length == 0 ? paragraph : heading + "\n" + paragraph;
            if (paragraph.Length < HeadingLength && joined.Length < TargetLength)
            {
                heading = joined;
                continue;
            }

            passages.AddRange(SplitLongParagraph(joined));
            heading = string.Empty;
        }

        if (heading.Length > 0)
        {
            passages.Add(heading);
        }

        return passages;
    }

    public static IReadOnlyList<string> Sentences(string text) =>
        SentenceBreak().Split(text).Select(sentence => sentence.Trim()).Where(sentence => sentence.Length > 0).ToList();

    private static IEnumerable<string> SplitLongParagraph(string paragraph)
    {
        if (paragraph.Length <= TargetLength)
        {
            yield return paragraph;
            yield break;
        }

        var chunk = string.Empty;
        foreach (var sentence in Sentences(paragraph))
        {
            if (chunk.Length > 0 && chunk.Length + 1 + sentence.Length > TargetLength)
            {
                yield return chunk;
                chunk = string.Empty;
            }

            chunk = chunk.Length == 0 ? sentence : chunk + " " + sentence;
        }

        if (chunk.Length > 0)
        {
            yield return chunk;
        }
    }

    [GeneratedRegex(@"\r?\n\s*\r?\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"(?<=[.!?])\s+|\r?\n")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Whitespace();
}
