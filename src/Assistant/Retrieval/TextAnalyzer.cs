using System.Text.RegularExpressions;

namespace Bob.Assistant.Retrieval;

/// <summary>Lowercases, strips punctuation, drops stop words and applies a light suffix stemmer.</summary>
public static partial class TextAnalyzer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "don",
        "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of",
        "on", "or", "our", "please", "so", "that", "the", "their", "them", "then", "there", "these", "they", "this",
        "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
        "with", "would", "you", "your", "about", "also", "any", "some", "tell", "much", "many", "get", "just",
    };

    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var terms = new List<string>();
        foreach (Match match in WordPattern().Matches(text.ToLowerInvariant()))
        {
            var word = match.Value;
            if (word.Length < 2 || StopWords.Contains(word))
            {
                continue;
            }

            terms.Add(Stem(word));
        }

        return terms;
    }

    public static string Stem(string word)
    {
        var stem = word;
        if (stem.Length > 4 && stem.EndsWith("ies", StringComparison.Ordinal))
        {
            stem = stem[..^3] + "y";
        }
        else if (stem.Length > 4 && (stem.EndsWith("sses", StringComparison.Ordinal) || EndsWithSibilantPlusEs(stem)))
        {
            stem = stem[..^2];
        }
        else if (stem.Length > 3 && stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal) && !stem.EndsWith("us", StringComparison.Ordinal))
        {
            stem = stem[..^1];
        }
        else if (stem.Length > 5 && stem.EndsWith("ing", StringComparison.Ordinal))
        {
            stem = Undouble(stem[..^3]);
        }
        else if (stem.Length > 4 && stem.EndsWith("ed", StringComparison.Ordinal))
        {
            stem = Undouble(stem[..^2]);
        }

        // "price", "prices", "priced" and "pricing" all meet at "pric".
        if (stem.Length > 4 && stem.EndsWith('e'))
        {
            stem = stem[..^1];
        }

        return stem;
    }

    private static bool EndsWithSibilantPlusEs(string word) =>
        word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("zes", StringComparison.Ordinal)
        || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal);

    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && !"lsz".Contains(stem[^1]) ? stem[..^1] : stem;

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
