using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Governance;

/// <summary>What a governance change may contain: the one home of its limits, checked by the web and again by the grain.</summary>
public static class GovernanceRules
{
    public const int MaxListEntries = 50;
    public const int MaxEntryLength = 100;

    /// <summary>The shortest retention: credits and usage are counted from the current month's transcript (a calendar
    /// month, at most 31 days), so a shorter retention would hand spent credits back.</summary>
    public const int MinRetentionDays = 31;

    public const int MaxRetentionDays = 3650;

    /// <summary>The settings as stored (entries trimmed, case-insensitive duplicates dropped), or the problems found.</summary>
    public static Result<GovernanceSettings> Normalize(GovernanceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new Dictionary<string, string[]>();
        var blocked = List(settings.BlockedTopics, "blockedTopics", errors);
        var keywords = List(settings.HandoffKeywords, "handoffKeywords", errors);
        if (!CreditPolicies.IsKnown(settings.CreditPolicy))
        {
            errors["creditPolicy"] = [$"creditPolicy must be {string.Join(" or ", CreditPolicies.All)}."];
        }
        if (settings.RetentionDays is { } days && days is < MinRetentionDays or > MaxRetentionDays)
        {
            errors["retentionDays"] = [$"retentionDays must be null (keep transcripts) or {MinRetentionDays}..{MaxRetentionDays}."];
        }
        return errors.Count > 0
            ? Failure.Validation(errors)
            : settings with { BlockedTopics = blocked, HandoffKeywords = keywords };
    }

    private static List<string> List(IReadOnlyList<string>? entries, string field, Dictionary<string, string[]> errors)
    {
        if (entries is null)
        {
            errors[field] = [$"{field} is required (an empty list is fine)."];
            return [];
        }
        if (entries.Count > MaxListEntries)
        {
            errors[field] = [$"{field} holds at most {MaxListEntries} entries."];
            return [];
        }
        var problems = new List<string>();
        var kept = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i]?.Trim() ?? "";
            if (entry.Length is 0 or > MaxEntryLength)
            {
                problems.Add($"{field}[{i}] must be 1..{MaxEntryLength} characters.");
            }
            else if (!kept.Contains(entry, StringComparer.OrdinalIgnoreCase))
            {
                kept.Add(entry);
            }
        }
        if (problems.Count > 0)
        {
            errors[field] = [.. problems];
        }
        return kept;
    }
}
