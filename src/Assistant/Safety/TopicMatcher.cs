using Bob.Assistant.Retrieval;

namespace Bob.Assistant.Safety;

/// <summary>Whether a message touches a phrase (a blocked topic or a handoff keyword), comparing stemmed terms.</summary>
public static class TopicMatcher
{
    public static bool Mentions(string message, string phrase)
    {
        var phraseTerms = TextAnalyzer.Terms(phrase);
        if (phraseTerms.Count == 0)
        {
            return !string.IsNullOrWhiteSpace(phrase) && message.Contains(phrase.Trim(), StringComparison.OrdinalIgnoreCase);
        }

        var messageTerms = TextAnalyzer.Terms(message);
        for (var start = 0; start + phraseTerms.Count <= messageTerms.Count; start++)
        {
            if (phraseTerms.Select((term, offset) => messageTerms[start + offset] == term).All(matches => matches))
            {
                return true;
            }
        }

        return false;
    }

    public static bool MentionsAny(string message, IEnumerable<string>? phrases) =>
        phrases?.Any(phrase => Mentions(message, phrase)) ?? false;
}
