using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Billing;

namespace Bob.Grains.Tests.Billing;

public sealed class PlanLimitChecksTests
{
    private static readonly PricebookPlan Starter = SeedPricebook.Plans[0];
    private static readonly PricebookPlan Enterprise = SeedPricebook.Plans[2];

    [Theory]
    [InlineData(2, null)]
    [InlineData(3, FailureCodes.SeatLimitReached)]
    public void One_more_seat_fits_only_below_the_plans_seats(int inUse, string? refusal)
    {
        Assert.Equal(refusal, PlanLimitChecks.OneMoreSeat(Starter.Id, Starter.ToLimits(), inUse)?.Code);
    }

    [Fact]
    public void Unlimited_seats_never_refuse()
    {
        Assert.Null(PlanLimitChecks.OneMoreSeat(Enterprise.Id, Enterprise.ToLimits(), 100_000));
        Assert.Null(PlanLimitChecks.Fits(Enterprise, 100_000, 10));
    }

    [Theory]
    [InlineData(3, 1, null)]
    [InlineData(4, 1, FailureCodes.SeatLimitReached)]
    [InlineData(3, 2, FailureCodes.IntegrationLimitReached)]
    public void A_plan_fits_while_seats_and_integrations_in_use_stay_within_it(int seats, int integrations, string? refusal)
    {
        Assert.Equal(refusal, PlanLimitChecks.Fits(Starter, seats, integrations)?.Code);
    }
}

public sealed class PricebookRulesTests
{
    [Fact]
    public void The_seed_pricebook_satisfies_the_rules()
    {
        Assert.Null(PricebookRules.Check(SeedPricebook.Plans));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var plans = SeedPricebook.Plans.ToList();
        plans[0] = plans[0] with { PriceUsdMonthly = -1m, Name = " ", Support = new string('s', 41) };
        plans[2] = plans[2] with { Integrations = 1001, IncludedCredits = -1 };

        var errors = PricebookRules.Check(plans)!.Errors!;

        Assert.Equal(["plans[0].name", "plans[0].priceUsdMonthly", "plans[0].support", "plans[2].includedCredits", "plans[2].integrations"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Names_and_labels_are_stored_trimmed()
    {
        var plans = SeedPricebook.Plans.Select(p => p with { Name = $"  {p.Name} ", Support = $" {p.Support}" }).ToList();

        Assert.Equal(SeedPricebook.Plans, PricebookRules.Normalize(plans));
    }
}
