using System.Text.RegularExpressions;

namespace Bob.Assistant.Safety;

/// <summary>
/// Masks personal data in a visitor's text before it goes anywhere: email addresses, payment card numbers (13..19 digits,
/// spaces or dashes allowed, and only when they pass the Luhn check, so an order or tracking number stays) and phone
/// numbers (7..15 digits written like one: a leading +, ten digits or more, or a local 555-0123 shape).
/// </summary>
public static partial class PiiRedactor
{
    public const string EmailMask = "[email]";
    public const string CardMask = "[card]";
    public const string PhoneMask = "[phone]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = Email().Replace(text, EmailMask);
        masked = DigitRun().Replace(masked, match => IsCard(match.Value) ? CardMask : match.Value);
        return Phone().Replace(masked, match => IsPhone(match.Value) ? PhoneMask : match.Value);
    }

    /// <summary>The Luhn (mod 10) check over the digits of <paramref name="candidate"/>.</summary>
    public static bool PassesLuhn(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var sum = 0;
        var doubled = false;
        var digits = 0;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }
            var d = c - '0';
            if (doubled)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    private static bool IsCard(string run)
    {
        var digits = run.Count(char.IsAsciiDigit);
        return digits is >= 13 and <= 19 && PassesLuhn(run);
    }

    private static bool IsPhone(string run)
    {
        var digits = run.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && (run.StartsWith('+') || digits >= 10 || LocalPhone().IsMatch(run));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    /// <summary>Digits with at most one space or dash between them: a card number as people type it.</summary>
    [GeneratedRegex(@"(?<!\d[ -]?)\d(?:[ -]?\d){12,18}(?![ -]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"(?<![\w+]|\d[ ().-]{1,2})\+?\(?\d(?:[ ().-]{0,2}\d){6,14}(?!\w|[ ().-]{1,2}\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\(?\d{3}\)?[ .-]\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPhone();
}
