using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Orleans.Concurrency;

namespace Bob.Grains.Billing;

/// <summary>The plan's terms from the tenant, credits used from its meter (the number chat replies report), days from the log.</summary>
[StatelessWorker]
public sealed class UsageGrain(UsageStore store, TimeProvider time) : Grain, IUsageGrain
{
    private TenantId Tenant => new(this.GetPrimaryKeyString());

    public async Task<Result<TenantUsage>> GetAsync()
    {
        var tenant = GrainFactory.GetGrain<ITenantGrain>(Tenant);
        if (await tenant.GetPlanAsync() is not { } plan || await tenant.GetSettingsAsync() is not { } settings)
        {
            return Failure.NotFound("Tenant");
        }
        var used = (await GrainFactory.GetGrain<ICreditMeterGrain>(Tenant).BalanceAsync()).Used;
        var days = await store.DaysWithUsageAsync(Tenant, plan.Period);
        return UsageReport.For(plan, settings.CreditPolicy, used, days, time.GetUtcNow());
    }
}
