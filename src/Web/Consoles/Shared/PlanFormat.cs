using System.Globalization;

namespace Bob.Web.Consoles.Shared;

/// <summary>How the consoles write a plan's figures: US dollars without cents when whole, seats <c>null</c> as unlimited.</summary>
public static class PlanFormat
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Price(decimal usd) =>
        usd == decimal.Truncate(usd) ? usd.ToString("$#,0", Us) : usd.ToString("$#,0.00", Us);

    public static string Count(int value) => value.ToString("N0", Us);

    public static string Seats(int? seats) => seats is { } count ? Count(count) : "Unlimited";
}
