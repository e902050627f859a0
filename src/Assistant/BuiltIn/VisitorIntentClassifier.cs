using System.Text.RegularExpressions;
using Bob.Assistant.Safety;

namespace Bob.Assistant.BuiltIn;

/// <summary>The few conversational moves the built-in client answers without knowledge.</summary>
public static partial class VisitorIntentClassifier
{
    public static VisitorIntent Classify(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return VisitorIntent.Greeting;
        }

        if (PromptInjectionDetector.IsInjection(message))
        {
            return VisitorIntent.Injection;
        }

        if (AsksWhoItIs().IsMatch(message))
        {
            return VisitorIntent.Identity;
        }

        if (OnlyGreets().IsMatch(message))
        {
            return VisitorIntent.Greeting;
        }

        if (AsksAboutEarlierQuestion().IsMatch(message))
        {
            return VisitorIntent.HistoryRecall;
        }

        return OnlyThanks().IsMatch(message) ? VisitorIntent.Thanks : VisitorIntent.Question;
    }

    [GeneratedRegex(@"\bwho\s+(are|r)\s+(you|u)\b|\bwhat('s|\s+is)\s+your\s+name\b|\bwhat\s+are\s+you\b|\bare\s+you\s+(a\s+|an\s+)?(bot|robot|human|ai|real|person)\b|\bintroduce\s+yourself\b|\bwho\s+am\s+i\s+(talking|speaking|chatting)\s+(to|with)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhoItIs();

    [GeneratedRegex(@"^\W*(hi|hello|hey|hiya|howdy|greetings|good\s+(morning|afternoon|evening|day))(\s+(there|all|everyone))?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyGreets();

    [GeneratedRegex(@"\bwhat\s+(did|was)\s+i\s+(just\s+)?(ask|say|write|type)\b|\bwhat\s+was\s+my\s+(last|previous|first|earlier)\s+(question|message)\b|\bmy\s+(last|previous|earlier)\s+(question|message)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksAboutEarlierQuestion();

    [GeneratedRegex(@"^\W*(ok(ay)?\s+)?(thanks|thank\s+you|thx|cheers|ty)(\s+(so\s+much|a\s+lot|very\s+much))?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex OnlyThanks();
}
