using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Orleans.Concurrency;

namespace Bob.Grains.Abstractions.Identity;

/// <summary>A tenant (a business), keyed by its id. Holds its profile and its team, so every team rule
/// ("only an owner grants owner", "the last owner stays") is decided in one place, one call at a time.</summary>
[Alias("bob.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; false when this id is already taken.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(TenantCreation creation);

    [Alias("Get")]
    Task<TenantSummary?> GetAsync();

    [Alias("GetSettings")]
    Task<TenantSettings?> GetSettingsAsync();

    /// <summary>The settings with the stamp of everything else a chat turn reads of this tenant (guardrails, personas,
    /// knowledge): a per-silo cache keeps what it read under a stamp and reads again once the stamp moves. The answer may
    /// be kept for its <see cref="TenantTurnConfig.KeepFor"/> (<see cref="TenantTurnConfigCopies"/>): every change waits
    /// for the answers given before it to run out. null when the tenant does not exist.</summary>
    [Alias("GetTurnConfig"), ReadOnly]
    Task<TenantTurnConfig?> GetTurnConfigAsync();

    /// <summary>Something a chat turn reads of this tenant changed and is stored: moves the stamp, and answers once the copies
    /// of the configuration handed out before it have run out, so the very next turn on every silo reads it again. Called
    /// (and awaited) by the grain that made the change before it answers; interleaves, so a grain this one is waiting on
    /// can call it.</summary>
    [Alias("TurnConfigChanged"), AlwaysInterleave]
    Task TurnConfigChangedAsync();

    /// <summary>Changes the given settings (null leaves one as it is).</summary>
    [Alias("UpdateSettings")]
    Task<Result<TenantSettings>> UpdateSettingsAsync(bool? publicChat, string? assistantEngine);

    /// <summary>Sets governance's <c>creditPolicy</c> (<see cref="CreditPolicies"/>); the credit meter enforces it from the next turn.</summary>
    [Alias("SetCreditPolicy")]
    Task<Result<TenantSettings>> SetCreditPolicyAsync(string creditPolicy);

    /// <summary>The plan, the pricebook version it was subscribed under, its limits and the current billing period:
    /// the one place a feature reads a plan limit from. null when the tenant does not exist.</summary>
    [Alias("GetPlan")]
    Task<TenantPlan?> GetPlanAsync();

    /// <summary>
    /// Admits a new integration (a webhook endpoint or another connector) under the plan's <see cref="PlanLimits.Integrations"/>,
    /// or refuses it with 409 <c>integration_limit_reached</c>. Idempotent per <paramref name="integrationId"/>: admitting one
    /// already admitted succeeds without counting it twice. Call before storing the integration; release it if storing fails.
    /// </summary>
    [Alias("AdmitIntegration")]
    Task<Outcome> AdmitIntegrationAsync(string integrationId);

    /// <summary>Frees the integration's place (it was deleted, or storing it failed). Unknown ids are ignored.</summary>
    [Alias("ReleaseIntegration")]
    Task ReleaseIntegrationAsync(string integrationId);

    /// <summary>Profile, status, plan and what of the plan is in use; null when the tenant does not exist.</summary>
    [Alias("GetOverview")]
    Task<TenantOverview?> GetOverviewAsync();

    /// <summary>
    /// Subscribes to <paramref name="planId"/> under the live pricebook version (choosing the current plan again moves it to
    /// the live version). Refused with 409 <c>seat_limit_reached</c> / <c>integration_limit_reached</c> while the tenant uses
    /// more than the plan allows. Credits used this period stay used; the billing period does not move.
    /// </summary>
    [Alias("ChangePlan")]
    Task<Result<TenantOverview>> ChangePlanAsync(string planId);

    /// <summary>Suspends or resumes the tenant (platform admin): while suspended every chat route and its widget answer
    /// 403 <c>tenant_suspended</c> and its members can log in and read, nothing more. The platform tenant is never suspended.</summary>
    [Alias("SetSuspended")]
    Task<Result<TenantOverview>> SetSuspendedAsync(bool suspended);

    /// <summary>Writes this tenant's row in the platform admin's directory (tenants created before it existed are listed so at start).</summary>
    [Alias("SyncDirectory")]
    Task SyncDirectoryAsync();

    [Alias("GetMember")]
    Task<TeamMember?> GetMemberAsync(string userId);

    /// <summary>The member and the tenant's suspension in one call, for authentication on every request.</summary>
    [Alias("GetMembership")]
    Task<Membership?> GetMembershipAsync(string userId);

    [Alias("AddMember")]
    Task<Outcome> AddMemberAsync(TeamMember member);

    [Alias("GetTeam")]
    Task<Team> GetTeamAsync();

    [Alias("Invite")]
    Task<Result<InvitationIssued>> InviteAsync(Actor actor, string email, string role);

    /// <summary>Called by the invitation flow once the new member exists; drops the pending invitation.</summary>
    [Alias("CompleteInvitation")]
    Task<Outcome> CompleteInvitationAsync(string invitationId, TeamMember member);

    /// <summary>Withdraws an open invitation: its link stops working and its seat is free.</summary>
    [Alias("CancelInvitation")]
    Task<Outcome> CancelInvitationAsync(string invitationId);

    [Alias("ChangeRole")]
    Task<Result<TeamMember>> ChangeRoleAsync(Actor actor, string userId, string role);

    [Alias("RemoveMember")]
    Task<Outcome> RemoveMemberAsync(Actor actor, string userId);
}
