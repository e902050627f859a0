using System.Text.RegularExpressions;

namespace Bob.Assistant.Retrieval;

/// <summary>
/// A follow-up ("and how much does it cost?") leans on the previous visitor turn, so retrieval widens its query with that turn.
/// A self-contained question is searched alone, so an earlier topic cannot hide an honest "I don't know".
/// </summary>
public static partial class FollowUpDetector
{
    public const int VisitorTurnsOfContext = 2;

    public static bool IsFollowUp(string message) => ReferringWords().IsMatch(message) || LeadingConnector().IsMatch(message);

    public static string ContextFor(string message, IReadOnlyList<ConversationTurn> history)
    {
        if (!IsFollowUp(message))
        {
            return string.Empty;
        }

        var previousVisitorTurns = history
            .Where(turn => turn.Role == TurnRole.Visitor && !string.IsNullOrWhiteSpace(turn.Text))
            .Select(turn => turn.Text.Trim())
            .Where(text => !string.Equals(text, message.Trim(), StringComparison.Ordinal))
            .TakeLast(VisitorTurnsOfContext);
        return string.Join(' ', previousVisitorTurns);
    }

    [GeneratedRegex(@"\b(it|its|it's|that|this|they|them|their|those|these|he|she)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReferringWords();

    [GeneratedRegex(@"^\W*(and|also|plus|but|so|what about|how about|same for)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingConnector();
}
