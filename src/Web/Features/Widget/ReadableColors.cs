using System.Globalization;

namespace Bob.Web.Features.Widget;

/// <summary>
/// WCAG 2.1 contrast. Text on a tenant's colour is white or black, whichever contrasts more; the better of the two is
/// never below √21 ≈ 4.58:1, so any colour a tenant picks keeps text readable (AA asks for 4.5:1).
/// </summary>
public static class ReadableColors
{
    public const string White = "#ffffff";
    public const string Black = "#000000";

    public static string TextOn(string background) =>
        ContrastRatio(background, White) >= ContrastRatio(background, Black) ? White : Black;

    public static double ContrastRatio(string first, string second)
    {
        var (a, b) = (RelativeLuminance(first), RelativeLuminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    /// <summary>The relative luminance of a <c>#rrggbb</c> colour (WCAG 2.1, sRGB).</summary>
    public static double RelativeLuminance(string hex)
    {
        double Channel(int offset)
        {
            var value = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.04045 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }
        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }
}
