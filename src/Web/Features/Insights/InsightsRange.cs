using System.Globalization;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Insights;

namespace Bob.Web.Features.Insights;

/// <summary>
/// The days an insights read covers: <c>from</c> and <c>to</c> are UTC calendar days (<c>YYYY-MM-DD</c>, what the Audit log
/// page's date inputs send), both included, at most <see cref="MaxDays"/> of them. Without <c>to</c>, today; without
/// <c>from</c>, the <see cref="DefaultDays"/> days ending on <c>to</c>.
/// </summary>
public static class InsightsRange
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;

    public static Result<(DateOnly From, DateOnly To)> Parse(string? from, string? to, DateOnly today)
    {
        DateOnly first = default, last = today;
        var errors = new Dictionary<string, string[]>();
        if (from is not null && !TryParse(from, out first))
        {
            errors["from"] = ["from must be a date (YYYY-MM-DD)."];
        }
        if (to is not null && !TryParse(to, out last))
        {
            errors["to"] = ["to must be a date (YYYY-MM-DD)."];
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        if (from is null)
        {
            first = last.AddDays(1 - DefaultDays);
        }
        if (last < first)
        {
            return Failure.Validation("to", "to must be on or after from.");
        }
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return Failure.Validation("to", $"A range covers at most {MaxDays} days.");
        }
        return (first, last);
    }

    /// <summary>Reads the tenant's insights for the range the query names, or the problem with it (nothing is read then).</summary>
    public static async Task<Result<TenantInsights>> ReadAsync(IClusterClient cluster, TenantId tenant, string? from, string? to, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(time);
        var range = Parse(from, to, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (!range.IsSuccess)
        {
            return range.Failure!;
        }
        return await cluster.GetGrain<IInsightsGrain>(tenant.Value).GetAsync(range.Value.From, range.Value.To);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryParse(string value, out DateOnly day) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
