using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;

namespace Bob.Grains.Tests.Billing;

/// <summary>What other features read from the tenant: its plan's limits, its credit policy, and the one place integrations are admitted.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantPlanContractTests(ClusterFixture fixture)
{
    private async Task<ITenantGrain> NewStarterTenantAsync()
    {
        var signup = await fixture.Grains.GetGrain<IAccountsGrain>(0)
            .SignupAsync(new SignupRequest("Plan Contract Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
        return fixture.Grains.GetGrain<ITenantGrain>(signup.Value!.Tenant.Id);
    }

    [Fact]
    public async Task A_new_tenant_is_on_starter_with_the_pricebook_limits_and_the_current_month()
    {
        var tenant = await NewStarterTenantAsync();

        var plan = (await tenant.GetPlanAsync())!;

        Assert.Equal(Plans.Starter, plan.PlanId);
        Assert.Equal(1, plan.PricebookVersion);
        Assert.Equal(new PlanLimits(15_000, 3, 1), plan.Limits);
        Assert.True(plan.Period.Contains(DateTimeOffset.UtcNow));
        Assert.Equal(1, plan.Period.Start.Day);
    }

    [Fact]
    public async Task Credit_policy_defaults_to_hard_stop_and_takes_only_known_values()
    {
        var tenant = await NewStarterTenantAsync();
        Assert.Equal(CreditPolicies.HardStop, (await tenant.GetSettingsAsync())!.CreditPolicy);

        var unknown = await tenant.SetCreditPolicyAsync("pay_later");
        var overage = await tenant.SetCreditPolicyAsync(CreditPolicies.Overage);

        Assert.Equal(FailureCodes.ValidationFailed, unknown.Failure?.Code);
        Assert.Equal(CreditPolicies.Overage, overage.Value!.CreditPolicy);
        Assert.Equal(CreditPolicies.Overage, (await tenant.GetSettingsAsync())!.CreditPolicy);
    }

    [Fact]
    public async Task Starter_admits_one_integration_counts_a_retry_once_and_frees_a_released_one()
    {
        var tenant = await NewStarterTenantAsync();

        var first = await tenant.AdmitIntegrationAsync("wh_1");
        var retry = await tenant.AdmitIntegrationAsync("wh_1");
        var second = await tenant.AdmitIntegrationAsync("wh_2");
        await tenant.ReleaseIntegrationAsync("wh_1");
        var afterRelease = await tenant.AdmitIntegrationAsync("wh_2");

        Assert.True(first.IsSuccess);
        Assert.True(retry.IsSuccess);
        Assert.Equal(FailureCodes.IntegrationLimitReached, second.Failure?.Code);
        Assert.True(afterRelease.IsSuccess);
    }
}
