using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Admin;
using Bob.Grains.Caching;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Identity;

/// <summary>
/// Holds the tenant's one persisted state and hands each call to the collaborator that owns its concern: the team and
/// invitations (<see cref="TenantTeam"/>), the plan, pricebook and limits (<see cref="TenantSubscription"/>), the settings
/// and policies a turn reads (<see cref="TenantSettingsPolicy"/>). One activation runs one call at a time, so every rule
/// across them is decided in one place.
/// </summary>
public sealed class TenantGrain : Grain, ITenantGrain
{
    private readonly TenantRecord _tenant;
    private readonly TenantSubscription _subscription;
    private readonly TenantSettingsPolicy _settings;
    private readonly TenantTeam _team;

    public TenantGrain(
        [PersistentState("tenant", "bob")] IPersistentState<TenantState> tenant,
        IOptions<AuthOptions> options,
        IOptions<TurnCacheOptions> turnCache,
        TenantDirectory directory,
        IGrainFactory grains,
        TimeProvider time)
    {
        _tenant = new TenantRecord(tenant, new TenantId(this.GetPrimaryKeyString()), grains, directory, time);
        _subscription = new TenantSubscription(_tenant);
        _settings = new TenantSettingsPolicy(_tenant, _subscription, new CopiesHandedOut(time, turnCache.Value.ConfigCopyLifetime));
        _team = new TenantTeam(_tenant, _subscription, options.Value.InvitationLifetime);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _settings.Activated();
        return Task.CompletedTask;
    }

    public async Task<bool> CreateAsync(TenantCreation creation)
    {
        if (_tenant.State.Exists)
        {
            return false;
        }
        await _tenant.CreateAsync(creation, await _subscription.LiveVersionAsync());
        return true;
    }

    public Task<TenantSummary?> GetAsync() => Task.FromResult(_tenant.Summary());

    public Task SyncDirectoryAsync() => _tenant.SyncDirectoryAsync();

    public Task<TenantSettings?> GetSettingsAsync() => Task.FromResult(_settings.Settings());

    public Task<TenantTurnConfig?> GetTurnConfigAsync() => Task.FromResult(_settings.TurnConfig());

    public Task TurnConfigChangedAsync() => _settings.TurnConfigChangedAsync();

    public Task<Result<TenantSettings>> UpdateSettingsAsync(bool? publicChat, string? assistantEngine) =>
        _settings.UpdateSettingsAsync(publicChat, assistantEngine);

    public Task<Result<TenantSettings>> SetCreditPolicyAsync(string creditPolicy) => _settings.SetCreditPolicyAsync(creditPolicy);

    public Task<Result<TenantOverview>> SetSuspendedAsync(bool suspended) => _settings.SetSuspendedAsync(suspended);

    public Task<TenantPlan?> GetPlanAsync() => _subscription.GetPlanAsync();

    public Task<TenantOverview?> GetOverviewAsync() => _subscription.GetOverviewAsync();

    public Task<Result<TenantOverview>> ChangePlanAsync(string planId) => _subscription.ChangePlanAsync(planId);

    public Task<Outcome> AdmitIntegrationAsync(string integrationId) => _subscription.AdmitIntegrationAsync(integrationId);

    public Task ReleaseIntegrationAsync(string integrationId) => _subscription.ReleaseIntegrationAsync(integrationId);

    public Task<TeamMember?> GetMemberAsync(string userId) => Task.FromResult(_team.Member(userId));

    public Task<Membership?> GetMembershipAsync(string userId) => Task.FromResult(_team.Membership(userId));

    public Task<Outcome> AddMemberAsync(TeamMember member) => _team.AddMemberAsync(member);

    public Task<Team> GetTeamAsync() => Task.FromResult(_team.Team());

    public Task<Result<InvitationIssued>> InviteAsync(Actor actor, string email, string role) => _team.InviteAsync(actor, email, role);

    public Task<Outcome> CompleteInvitationAsync(string invitationId, TeamMember member) => _team.CompleteInvitationAsync(invitationId, member);

    public Task<Outcome> CancelInvitationAsync(string invitationId) => _team.CancelInvitationAsync(invitationId);

    public Task<Result<TeamMember>> ChangeRoleAsync(Actor actor, string userId, string role) => _team.ChangeRoleAsync(actor, userId, role);

    public Task<Outcome> RemoveMemberAsync(Actor actor, string userId) => _team.RemoveMemberAsync(actor, userId);
}
