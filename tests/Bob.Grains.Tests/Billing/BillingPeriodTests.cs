using Bob.Grains.Abstractions.Billing;

namespace Bob.Grains.Tests.Billing;

public sealed class BillingPeriodTests
{
    [Fact]
    public void A_period_is_the_calendar_month_in_utc()
    {
        var period = BillingPeriod.Containing(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-2)));

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void The_first_instant_of_the_next_month_is_a_new_period()
    {
        var november = BillingPeriod.Containing(new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero));

        Assert.True(november.Contains(new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(november.Contains(november.End));
        Assert.Equal(november.End, BillingPeriod.Containing(november.End).Start);
    }
}
