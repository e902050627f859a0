using Bob.Assistant;
using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Audit;
using Bob.Grains.Caching;

namespace Bob.Grains.Identity;

/// <summary>
/// The tenant's settings and policies, which every chat turn reads: public chat, the assistant engine, governance's
/// credit policy and the platform admin's suspension, with the stamp that tells each silo's turn cache to read again.
/// Every change is answered only once the copies of the configuration handed out before it have run out.
/// </summary>
public sealed class TenantSettingsPolicy(TenantRecord tenant, TenantSubscription subscription, CopiesHandedOut copies)
{
    /// <summary>Moves with every change a chat turn reads (<see cref="ITenantGrain.GetTurnConfigAsync"/>); in memory only.</summary>
    private TurnConfigStamp _turnConfig = TurnConfigStamp.New();

    private TenantState State => tenant.State;

    public TenantSettings? Settings() => State.Exists
        ? new TenantSettings(State.PublicChat, State.Suspended, State.AssistantEngine, State.CreditPolicy ?? CreditPolicies.Default)
        : null;

    /// <summary>The configuration a turn reads, handed out as a copy its caller may keep (a missing tenant is not kept).</summary>
    public TenantTurnConfig? TurnConfig() => Settings() is { } settings ? new TenantTurnConfig(settings, _turnConfig, copies.HandOut()) : null;

    /// <summary>A new activation of a tenant that exists: the previous one may have handed out copies that are still in use.</summary>
    public void Activated()
    {
        if (State.Exists)
        {
            copies.AssumeSomeOut();
        }
    }

    public Task TurnConfigChangedAsync()
    {
        _turnConfig = _turnConfig.Next();
        return copies.RunOutAsync();
    }

    public async Task<Result<TenantSettings>> UpdateSettingsAsync(bool? publicChat, string? assistantEngine)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (assistantEngine is not null && !AssistantEngineNames.All.Contains(assistantEngine))
        {
            return Failure.Validation("assistantEngine", $"assistantEngine must be {string.Join(" or ", AssistantEngineNames.All)}.");
        }
        State.PublicChat = publicChat ?? State.PublicChat;
        State.AssistantEngine = assistantEngine ?? State.AssistantEngine;
        await tenant.WriteAsync();
        await TurnConfigChangedAsync();
        return Settings()!;
    }

    public async Task<Result<TenantSettings>> SetCreditPolicyAsync(string creditPolicy)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (!CreditPolicies.IsKnown(creditPolicy))
        {
            return Failure.Validation("creditPolicy", $"creditPolicy must be {string.Join(" or ", CreditPolicies.All)}.");
        }
        State.CreditPolicy = creditPolicy;
        await tenant.WriteAsync();
        await TurnConfigChangedAsync();
        return Settings()!;
    }

    public async Task<Result<TenantOverview>> SetSuspendedAsync(bool suspended)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (suspended && tenant.Id == TenantId.Platform)
        {
            return new Failure(FailureCodes.Conflict, "The platform tenant cannot be suspended.");
        }
        if (State.Suspended == suspended)
        {
            await tenant.SyncDirectoryAsync(); // a retry after a lost answer finds the directory up to date too
            return await subscription.OverviewAsync();
        }
        var before = BillingAuditSummaries.Status(tenant.Status);
        State.Suspended = suspended;
        await tenant.WriteAsync();
        await TurnConfigChangedAsync();
        await tenant.SyncDirectoryAsync();
        await tenant.AuditAsync(suspended ? AuditActions.TenantSuspended : AuditActions.TenantResumed, tenant.Target, before, BillingAuditSummaries.Status(tenant.Status));
        return await subscription.OverviewAsync();
    }
}
