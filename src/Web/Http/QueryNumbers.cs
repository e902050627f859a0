using System.Globalization;

namespace Bob.Web.Http;

/// <summary>Whole numbers from a query string: plain digits (an optional leading minus), no spaces, exponents or
/// separators, and within the route's range, so nothing out of range reaches a grain or the database.</summary>
public static class QueryNumbers
{
    public static bool TryParse(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
