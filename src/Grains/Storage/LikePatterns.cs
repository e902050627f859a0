namespace Bob.Grains.Storage;

/// <summary>Text a user searches for, as an ILIKE pattern that matches it literally (its %, _ and \ escaped).</summary>
public static class LikePatterns
{
    /// <returns>null for a blank search.</returns>
    public static string? Containing(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : $"%{text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
}
