using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Conversations;

/// <summary>
/// A turn's tenant: the tenant grain's settings and stamp (<see cref="ITenantGrain.GetTurnConfigAsync"/>, from this
/// process's <see cref="TenantTurnConfigCopies"/> while its copy lasts), and guardrails, personas and knowledge from this
/// silo's <see cref="TenantTurnCache"/> under that stamp. The credit meter is asked on every call.
/// </summary>
public sealed class CachedTurnSources(IGrainFactory grains, TenantTurnConfigCopies configs, TenantTurnCache cache) : ITurnSources
{
    public async Task<ITurnTenant?> TenantAsync(TenantId tenant, TenantTurnConfig? alreadyRead = null) =>
        (alreadyRead ?? await configs.GetAsync(tenant)) is { } config ? cache.For(tenant, config) : null;

    public Task<ChatCredits> BalanceAsync(TenantId tenant) => Meter(tenant).BalanceAsync();

    public Task<CreditHold> HoldAsync(TenantId tenant, string creditPolicy) => Meter(tenant).HoldAsync(creditPolicy);

    public Task<ChatCredits> SettleAsync(TenantId tenant, int held, int credits, ulong commitTransaction) =>
        Meter(tenant).SettleAsync(held, credits, commitTransaction);

    public Task<ChatCredits> ReleaseAsync(TenantId tenant, int held) => Meter(tenant).ReleaseAsync(held);

    public Task<ChatCredits> ReconcileAsync(TenantId tenant) => Meter(tenant).ReconcileAsync();

    private ICreditMeterGrain Meter(TenantId tenant) => grains.GetGrain<ICreditMeterGrain>(tenant);
}
