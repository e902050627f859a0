using System.Text.RegularExpressions;

namespace Bob.Assistant.Safety;

/// <summary>
/// Masks personal data in a visitor's text before it goes anywhere: email addresses (international ones too, such as
/// jörg@exämple.de), payment card numbers (13..19 ASCII or fullwidth digits, one or two spaces, no-break spaces, dashes or
/// dots between them, and only when they pass the Luhn check, so an order or tracking number stays) and phone numbers
/// (7..15 digits written like one: a leading +, ten digits or more, or a local 555-0123 shape). It runs on every turn:
/// the email pattern is matched without backtracking, and the digit patterns only repeat bounded, disjoint pieces.
/// The forms caught and those deliberately left are listed in PiiFormsTests.
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
            var d = DigitValue(candidate[i]);
            if (d < 0)
            {
                continue;
            }
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

    /// <summary>0..9 for an ASCII or fullwidth (U+FF10..U+FF19) digit, else -1.</summary>
    private static int DigitValue(char c) =>
        char.IsAsciiDigit(c) ? c - '0' : c is >= '\uFF10' and <= '\uFF19' ? c - '\uFF10' : -1;

    private static bool IsCard(string run)
    {
        var digits = run.Count(c => DigitValue(c) >= 0);
        return digits is >= 13 and <= 19 && PassesLuhn(run);
    }

    private static bool IsPhone(string run)
    {
        var digits = run.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15 && (run.StartsWith('+') || digits >= 10 || LocalPhone().IsMatch(run));
    }

    /// <summary>Letters and digits of any script in the local part and the domain (IDN), a letter-only top-level domain.</summary>
    [GeneratedRegex(@"[\p{L}\p{M}\p{Nd}._%+-]+@[\p{L}\p{M}\p{Nd}-]+(\.[\p{L}\p{M}\p{Nd}-]+)*\.[\p{L}\p{M}]{2,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Email();

    /// <summary>ASCII or fullwidth digits with at most two spaces, no-break spaces, dashes or dots between them: a card
    /// number as people type or paste it.</summary>
    [GeneratedRegex(@"(?<![0-9\uFF10-\uFF19][ .\-\u00A0\u2007\u202F]{0,2})[0-9\uFF10-\uFF19](?:[ .\-\u00A0\u2007\u202F]{0,2}[0-9\uFF10-\uFF19]){12,18}(?![ .\-\u00A0\u2007\u202F]{0,2}[0-9\uFF10-\uFF19])", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"(?<![\w+]|\d[ ().-]{1,2})\+?\(?\d(?:[ ().-]{0,2}\d){6,14}(?!\w|[ ().-]{1,2}\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^\(?\d{3}\)?[ .-]\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPhone();
}
