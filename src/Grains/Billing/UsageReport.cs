using Bob.Grains.Abstractions.Billing;

namespace Bob.Grains.Billing;

/// <summary>Puts a tenant's usage together: its plan's terms, the meter's count, and the log's days (every day so far, zero-filled).</summary>
public static class UsageReport
{
    public static TenantUsage For(TenantPlan plan, string creditPolicy, int creditsUsed, IReadOnlyList<UsageDay> daysWithUsage, DateTimeOffset now)
    {
        var included = plan.Limits.IncludedCredits;
        return new TenantUsage(plan.Period, plan.PlanId, plan.PricebookVersion, creditPolicy, included, creditsUsed,
            CreditsRemaining.Of(included, creditsUsed), Math.Max(0, creditsUsed - included), daysWithUsage.Sum(d => d.Messages),
            EveryDay(plan.Period, daysWithUsage, now));
    }

    private static List<UsageDay> EveryDay(BillingPeriod period, IReadOnlyList<UsageDay> daysWithUsage, DateTimeOffset now)
    {
        var byDate = daysWithUsage.ToDictionary(d => d.Date);
        var first = DateOnly.FromDateTime(period.Start.UtcDateTime);
        var last = DateOnly.FromDateTime((now < period.End ? now : period.End.AddTicks(-1)).UtcDateTime);
        var days = new List<UsageDay>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            days.Add(byDate.GetValueOrDefault(date) ?? new UsageDay(date, 0, 0));
        }
        return days;
    }
}
