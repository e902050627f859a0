using System.Text.RegularExpressions;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Grains.WidgetKeys;

/// <summary>Checks and normalizes a widget key's appearance; every bad field is reported under <c>appearance.&lt;field&gt;</c>.</summary>
public static partial class WidgetAppearanceRules
{
    public static WidgetAppearance? Validate(WidgetAppearance input, Dictionary<string, string[]> errors)
    {
        var displayName = Text(input.DisplayName, "appearance.displayName", WidgetAppearance.DisplayNameMax, errors);
        var greeting = Text(input.Greeting, "appearance.greeting", WidgetAppearance.GreetingMax, errors);
        if (!HexColor().IsMatch(input.PrimaryColor))
        {
            errors["appearance.primaryColor"] = ["primaryColor must be a colour as #rrggbb, e.g. #4f46e5."];
        }
        if (input.Position is not (WidgetAppearance.BottomRight or WidgetAppearance.BottomLeft))
        {
            errors["appearance.position"] = [$"position must be {WidgetAppearance.BottomRight} or {WidgetAppearance.BottomLeft}."];
        }
        return errors.Keys.Any(k => k.StartsWith("appearance.", StringComparison.Ordinal))
            ? null
            : new WidgetAppearance(displayName, greeting, input.PrimaryColor.ToLowerInvariant(), input.Position);
    }

    /// <summary>Blank means "use the default"; otherwise 1..max characters of plain text, no control characters.</summary>
    private static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            errors[field] = [$"{field["appearance.".Length..]} must be at most {max} characters of text, without control characters."];
            return null;
        }
        return trimmed;
    }

    [GeneratedRegex(@"^#[0-9A-Fa-f]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
