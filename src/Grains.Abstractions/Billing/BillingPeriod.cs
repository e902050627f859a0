namespace Bob.Grains.Abstractions.Billing;

/// <summary>
/// A billing period: the calendar month in UTC, the same for every tenant (see docs/decisions.md). A plan change never
/// moves it; included credits count from <see cref="Start"/> and reset at <see cref="End"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.BillingPeriod")]
public sealed record BillingPeriod(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End)
{
    public static BillingPeriod Containing(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new BillingPeriod(start, start.AddMonths(1));
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
