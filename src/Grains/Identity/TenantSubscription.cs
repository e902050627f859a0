using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Audit;
using Bob.Grains.Billing;

namespace Bob.Grains.Identity;

/// <summary>
/// The tenant's plan as the pricebook version it was subscribed under prices it, and the limits it sets: plan changes,
/// the seats and integrations in use, admitting an integration, and the seat a team change asks for.
/// </summary>
public sealed class TenantSubscription(TenantRecord tenant)
{
    /// <summary>The subscribed plan as its pricebook version prices it; published versions never change, so it is safe to keep.</summary>
    private PricebookPlan? _subscribed;

    private TenantState State => tenant.State;

    /// <summary>The live pricebook version, the one a new tenant subscribes under.</summary>
    public async Task<int> LiveVersionAsync() => (await Pricebook().GetLiveAsync()).Version;

    public async Task<TenantPlan?> GetPlanAsync() => State.Exists ? await CurrentPlanAsync() : null;

    public async Task<TenantOverview?> GetOverviewAsync() => State.Exists ? await OverviewAsync() : null;

    public async Task<Result<TenantOverview>> ChangePlanAsync(string planId)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (!Plans.All.Contains(planId))
        {
            return Failure.Validation("plan", $"plan must be one of {string.Join(", ", Plans.All)}.");
        }
        var live = await Pricebook().GetLiveAsync();
        if (planId == State.Plan && live.Version == tenant.SubscribedVersion)
        {
            await tenant.SyncDirectoryAsync(); // a retry after a lost answer finds the directory up to date too
            return await OverviewAsync();
        }
        var target = live.Plan(planId)!;
        if (PlanLimitChecks.Fits(target, SeatsInUse(), State.Integrations.Count) is { } refused)
        {
            return refused;
        }
        var before = BillingAuditSummaries.Plan(State.Plan, tenant.SubscribedVersion);
        State.Plan = planId;
        State.PricebookVersion = live.Version;
        State.PlanSince = tenant.Now;
        await tenant.WriteAsync();
        _subscribed = target;
        await tenant.Grains.GetGrain<ICreditMeterGrain>(tenant.Id).PlanChangedAsync(target.IncludedCredits);
        await tenant.SyncDirectoryAsync();
        await tenant.AuditAsync(AuditActions.PlanChanged, tenant.Target, before, BillingAuditSummaries.Plan(planId, live.Version));
        return await OverviewAsync();
    }

    public async Task<Outcome> AdmitIntegrationAsync(string integrationId)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (State.Integrations.Contains(integrationId))
        {
            return Outcome.Success;
        }
        if (PlanLimitChecks.OneMoreIntegration(State.Plan, (await SubscribedPlanAsync()).ToLimits(), State.Integrations.Count) is { } full)
        {
            return full;
        }
        State.Integrations.Add(integrationId);
        await tenant.WriteAsync();
        return Outcome.Success;
    }

    public async Task ReleaseIntegrationAsync(string integrationId)
    {
        if (State.Integrations.Remove(integrationId))
        {
            await tenant.WriteAsync();
        }
    }

    /// <summary>Refuses taking one more seat when the plan's are all in use; <paramref name="exceptInvitationTo"/>'s open
    /// invitation is not counted (a re-invitation replaces it). null when the seat is free.</summary>
    public async Task<Failure?> RefuseOneMoreSeatAsync(string? exceptInvitationTo = null) =>
        PlanLimitChecks.OneMoreSeat(State.Plan, (await SubscribedPlanAsync()).ToLimits(), SeatsInUse(exceptInvitationTo));

    /// <summary>Profile, status, plan and what of the plan is in use, of a tenant that exists.</summary>
    public async Task<TenantOverview> OverviewAsync()
    {
        var plan = await CurrentPlanAsync();
        return new TenantOverview(tenant.Id.Value, State.Name, tenant.Status, State.CreatedAt, plan.PlanId, plan.PricebookVersion, plan.SubscribedAt,
            plan.Period, plan.Limits, SeatsInUse(), State.Integrations.Count);
    }

    private IPricebookGrain Pricebook() => tenant.Grains.GetGrain<IPricebookGrain>(IPricebookGrain.Key);

    private async Task<PricebookPlan> SubscribedPlanAsync()
    {
        if (_subscribed is null)
        {
            var version = tenant.SubscribedVersion;
            var published = await Pricebook().GetVersionAsync(version)
                ?? throw new InvalidOperationException($"Tenant {tenant.Id} is subscribed under pricebook version {version}, which is not published.");
            _subscribed = published.Plan(State.Plan)
                ?? throw new InvalidOperationException($"Pricebook version {version} does not price plan {State.Plan}.");
        }
        return _subscribed;
    }

    private async Task<TenantPlan> CurrentPlanAsync() => new(
        State.Plan, tenant.SubscribedVersion, (await SubscribedPlanAsync()).ToLimits(),
        BillingPeriod.Containing(tenant.Now), State.PlanSince == default ? State.CreatedAt : State.PlanSince);

    /// <summary>Members and open invitations whose role takes a seat (see <see cref="Seats"/>).</summary>
    private int SeatsInUse(string? exceptInvitationTo = null) =>
        State.Members.Count(m => Seats.Uses(m.Role)) +
        tenant.OpenInvitations().Count(i => Seats.Uses(i.Invitation.Role) && i.Invitation.Email != exceptInvitationTo);
}
