using System.Text.RegularExpressions;

namespace Bob.Assistant.Safety;

/// <summary>Recognises a visitor asking to talk to a person rather than the assistant.</summary>
public static partial class HumanRequestDetector
{
    public static bool AsksForHuman(string? message) =>
        !string.IsNullOrWhiteSpace(message) && (ConnectToPerson().IsMatch(message) || BarePersonRequest().IsMatch(message));

    [GeneratedRegex(@"\b(speak|talk|chat|connect|transfer|put|escalate|get)\b.{0,30}\b(human|real person|person|agent|representative|someone|somebody|operator|staff|team member|manager|colleague)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ConnectToPerson();

    [GeneratedRegex(@"^\W*(a\s+)?(human|real person|live agent|agent|operator|representative)(\s+please)?\W*$|\b(live|real|human)\s+(agent|person|support|chat)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BarePersonRequest();
}
