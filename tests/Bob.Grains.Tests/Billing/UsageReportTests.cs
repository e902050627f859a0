using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Billing;

namespace Bob.Grains.Tests.Billing;

public sealed class UsageReportTests
{
    private static readonly TenantPlan Starter = new("starter", 1, new PlanLimits(100, 3, 1),
        BillingPeriod.Containing(new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero)), DateTimeOffset.MinValue);

    [Fact]
    public void Every_day_of_the_period_so_far_is_listed_zero_filled()
    {
        var usage = UsageReport.For(Starter, CreditPolicies.HardStop, 7, [new UsageDay(new DateOnly(2026, 2, 2), 6, 3), new UsageDay(new DateOnly(2026, 2, 3), 8, 4)],
            new DateTimeOffset(2026, 2, 3, 23, 0, 0, TimeSpan.Zero));

        Assert.Equal([new UsageDay(new DateOnly(2026, 2, 1), 0, 0), new UsageDay(new DateOnly(2026, 2, 2), 6, 3), new UsageDay(new DateOnly(2026, 2, 3), 8, 4)], usage.Days);
        Assert.Equal((100, 7, 93, 0, 14), (usage.CreditsIncluded, usage.CreditsUsed, usage.CreditsRemaining, usage.Overage, usage.Messages));
    }

    [Fact]
    public void Credits_beyond_the_included_are_overage_and_remaining_stays_at_zero()
    {
        var usage = UsageReport.For(Starter, CreditPolicies.Overage, 130, [], new DateTimeOffset(2026, 2, 28, 23, 59, 0, TimeSpan.Zero));

        Assert.Equal((0, 30), (usage.CreditsRemaining, usage.Overage));
        Assert.Equal(28, usage.Days.Count);
    }
}
