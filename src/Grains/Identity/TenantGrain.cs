using Bob.Assistant;
using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Admin;
using Bob.Grains.Audit;
using Bob.Grains.Billing;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Identity;

[GenerateSerializer, Alias("bob.TenantState")]
public sealed class TenantState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string Plan { get; set; } = "";
    [Id(3)] public bool Suspended { get; set; }
    [Id(4)] public bool PublicChat { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public List<TeamMember> Members { get; set; } = [];
    [Id(7)] public List<OpenInvitation> Invitations { get; set; } = [];
    [Id(8)] public string? AssistantEngine { get; set; }
    /// <summary>null in state written before governance existed: <see cref="CreditPolicies.Default"/>.</summary>
    [Id(9)] public string? CreditPolicy { get; set; }
    /// <summary>Ids of the integrations admitted under the plan's limit.</summary>
    [Id(10)] public List<string> Integrations { get; set; } = [];
    /// <summary>The pricebook version the plan was subscribed under; 0 in state written before the pricebook existed (= V1).</summary>
    [Id(11)] public int PricebookVersion { get; set; }
    /// <summary>When the current plan was subscribed; default in older state (= <see cref="CreatedAt"/>).</summary>
    [Id(12)] public DateTimeOffset PlanSince { get; set; }
}

[GenerateSerializer, Alias("bob.OpenInvitation")]
public sealed record OpenInvitation(
    [property: Id(0)] PendingInvitation Invitation,
    [property: Id(1)] string TokenKey);

public sealed class TenantGrain(
    [PersistentState("tenant", "bob")] IPersistentState<TenantState> tenant,
    IOptions<AuthOptions> options,
    TenantDirectory directory,
    TimeProvider time) : Grain, ITenantGrain
{
    /// <summary>The subscribed plan as its pricebook version prices it; published versions never change, so it is safe to keep.</summary>
    private PricebookPlan? _subscribed;

    /// <summary>Moves with every change a chat turn reads (<see cref="ITenantGrain.GetTurnConfigAsync"/>); in memory only.</summary>
    private TurnConfigStamp _turnConfig = TurnConfigStamp.New();

    private TenantState State => tenant.State;

    private TenantId Id => new(this.GetPrimaryKeyString());

    /// <summary>State written before the pricebook existed was subscribed under the seed's V1.</summary>
    private int SubscribedVersion => State.PricebookVersion == 0 ? SeedPricebook.Version : State.PricebookVersion;

    public async Task<bool> CreateAsync(TenantCreation creation)
    {
        if (State.Exists)
        {
            return false;
        }
        var live = await Pricebook().GetLiveAsync();
        tenant.State = new TenantState
        {
            Exists = true,
            Name = creation.Name,
            Plan = creation.Plan,
            PublicChat = creation.PublicChat,
            CreatedAt = time.GetUtcNow(),
            PricebookVersion = live.Version,
            PlanSince = time.GetUtcNow(),
        };
        await tenant.WriteStateAsync();
        await SyncDirectoryAsync();
        return true;
    }

    public Task<TenantSummary?> GetAsync() => Task.FromResult(State.Exists
        ? new TenantSummary(Id.Value, State.Name, State.Plan, Status(), State.CreatedAt)
        : null);

    public Task<TenantSettings?> GetSettingsAsync() => Task.FromResult(State.Exists
        ? new TenantSettings(State.PublicChat, State.Suspended, State.AssistantEngine, State.CreditPolicy ?? CreditPolicies.Default)
        : null);

    public async Task<TenantTurnConfig?> GetTurnConfigAsync() =>
        await GetSettingsAsync() is { } settings ? new TenantTurnConfig(settings, _turnConfig) : null;

    public Task TurnConfigChangedAsync()
    {
        _turnConfig = _turnConfig.Next();
        return Task.CompletedTask;
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
        await tenant.WriteStateAsync();
        await TurnConfigChangedAsync();
        return (await GetSettingsAsync())!;
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
        await tenant.WriteStateAsync();
        await TurnConfigChangedAsync();
        return (await GetSettingsAsync())!;
    }

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
        if (planId == State.Plan && live.Version == SubscribedVersion)
        {
            await SyncDirectoryAsync(); // a retry after a lost answer finds the directory up to date too
            return await OverviewAsync();
        }
        var target = live.Plan(planId)!;
        if (PlanLimitChecks.Fits(target, SeatsInUse(), State.Integrations.Count) is { } refused)
        {
            return refused;
        }
        var before = BillingAuditSummaries.Plan(State.Plan, SubscribedVersion);
        State.Plan = planId;
        State.PricebookVersion = live.Version;
        State.PlanSince = time.GetUtcNow();
        await tenant.WriteStateAsync();
        _subscribed = target;
        await GrainFactory.GetGrain<ICreditMeterGrain>(Id).PlanChangedAsync(target.IncludedCredits);
        await SyncDirectoryAsync();
        await GrainFactory.AuditAsync(Id, AuditActions.PlanChanged, TenantTarget(), before, BillingAuditSummaries.Plan(planId, live.Version));
        return await OverviewAsync();
    }

    public async Task<Result<TenantOverview>> SetSuspendedAsync(bool suspended)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (suspended && Id == TenantId.Platform)
        {
            return new Failure(FailureCodes.Conflict, "The platform tenant cannot be suspended.");
        }
        if (State.Suspended == suspended)
        {
            await SyncDirectoryAsync(); // a retry after a lost answer finds the directory up to date too
            return await OverviewAsync();
        }
        var before = BillingAuditSummaries.Status(Status());
        State.Suspended = suspended;
        await tenant.WriteStateAsync();
        await TurnConfigChangedAsync();
        await SyncDirectoryAsync();
        await GrainFactory.AuditAsync(Id, suspended ? AuditActions.TenantSuspended : AuditActions.TenantResumed, TenantTarget(), before, BillingAuditSummaries.Status(Status()));
        return await OverviewAsync();
    }

    public async Task SyncDirectoryAsync()
    {
        if (State.Exists)
        {
            await directory.UpsertAsync(new TenantDirectoryRow(Id.Value, State.Name, State.Plan, SubscribedVersion, Status(), State.CreatedAt), time.GetUtcNow());
        }
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
        await tenant.WriteStateAsync();
        return Outcome.Success;
    }

    public async Task ReleaseIntegrationAsync(string integrationId)
    {
        if (State.Integrations.Remove(integrationId))
        {
            await tenant.WriteStateAsync();
        }
    }

    public Task<TeamMember?> GetMemberAsync(string userId) => Task.FromResult(FindMember(userId));

    public Task<Membership?> GetMembershipAsync(string userId) =>
        Task.FromResult(FindMember(userId) is { } member ? new Membership(member, State.Suspended) : null);

    public async Task<Outcome> AddMemberAsync(TeamMember member)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (FindMember(member.Id) is null)
        {
            State.Members.Add(member);
            await tenant.WriteStateAsync();
        }
        return Outcome.Success;
    }

    public Task<Team> GetTeamAsync() => Task.FromResult(new Team(
        [.. State.Members.OrderBy(m => m.JoinedAt)],
        [.. OpenInvitations().Select(i => i.Invitation)]));

    public async Task<Result<InvitationIssued>> InviteAsync(Actor actor, string email, string role)
    {
        var invalid = PlatformRoles.Refuse(actor, Id, target: null, role, State.Members) ?? ValidateRoleChange(actor, role, targetIsOwner: false);
        if (!Emails.IsValid(email))
        {
            return Failure.Validation("email", "email must be a valid address.");
        }
        if (invalid is not null)
        {
            return invalid;
        }
        var normalized = Emails.Normalize(email);
        if (await GrainFactory.GetGrain<IEmailIndexGrain>(normalized).LookupAsync() is not null)
        {
            return new Failure(FailureCodes.EmailTaken, "A user with this email already exists.");
        }
        // A re-invitation replaces the email's open invitation, so that one's seat is not counted twice.
        if (Seats.Uses(role) && PlanLimitChecks.OneMoreSeat(State.Plan, (await SubscribedPlanAsync()).ToLimits(), SeatsInUse(exceptInvitationTo: normalized)) is { } full)
        {
            return full;
        }

        foreach (var previous in State.Invitations.Where(i => i.Invitation.Email == normalized).ToList())
        {
            await GrainFactory.GetGrain<IInvitationGrain>(previous.TokenKey).RevokeAsync();
            State.Invitations.Remove(previous);
        }
        var token = Ids.RandomToken(32);
        var pending = new PendingInvitation(Ids.New(IdPrefixes.Invitation), normalized, role, time.GetUtcNow() + options.Value.InvitationLifetime);
        await GrainFactory.GetGrain<IInvitationGrain>(AccessTokens.KeyOf(token))
            .CreateAsync(new InvitationDetails(Id, pending.Id, pending.Email, pending.Role, pending.ExpiresAt));
        State.Invitations.Add(new OpenInvitation(pending, AccessTokens.KeyOf(token)));
        await tenant.WriteStateAsync();
        await AuditAsync(AuditActions.MemberInvited, new AuditTarget(AuditTargetTypes.Invitation, pending.Id), null, AuditSummaries.Invitation(pending));
        return new InvitationIssued(pending.Id, pending.Email, pending.Role, token, pending.ExpiresAt);
    }

    public async Task<Outcome> CompleteInvitationAsync(string invitationId, TeamMember member)
    {
        if (State.Suspended)
        {
            return new Failure(FailureCodes.TenantSuspended, "This business is suspended: its team cannot change until it is resumed.");
        }
        // The invitation held the seat; one cancelled or replaced meanwhile no longer does.
        if (State.Invitations.RemoveAll(i => i.Invitation.Id == invitationId) == 0)
        {
            return new Failure(FailureCodes.InvalidInvitation, "This invitation was cancelled.");
        }
        var joined = await AddMemberAsync(member);
        if (joined.IsSuccess)
        {
            await AuditAsync(AuditActions.MemberJoined, Target(member), null, AuditSummaries.Member(member));
        }
        return joined;
    }

    public async Task<Outcome> CancelInvitationAsync(string invitationId)
    {
        var open = State.Invitations.Find(i => i.Invitation.Id == invitationId);
        if (open is null)
        {
            return Failure.NotFound("Invitation");
        }
        await GrainFactory.GetGrain<IInvitationGrain>(open.TokenKey).RevokeAsync();
        State.Invitations.Remove(open);
        await tenant.WriteStateAsync();
        return Outcome.Success;
    }

    public async Task<Result<TeamMember>> ChangeRoleAsync(Actor actor, string userId, string role)
    {
        var member = FindMember(userId);
        if (member is null)
        {
            return Failure.NotFound("Team member");
        }
        var refused = PlatformRoles.Refuse(actor, Id, member, role, State.Members)
            ?? ValidateRoleChange(actor, role, member.Role == Roles.Owner) ?? RefuseLosingLastOwner(member, role);
        if (refused is null && !Seats.Uses(member.Role) && Seats.Uses(role))
        {
            refused = PlanLimitChecks.OneMoreSeat(State.Plan, (await SubscribedPlanAsync()).ToLimits(), SeatsInUse());
        }
        if (refused is not null)
        {
            return refused;
        }
        if (member.Role == role)
        {
            return member;
        }
        var changed = member with { Role = role };
        State.Members[State.Members.IndexOf(member)] = changed;
        await tenant.WriteStateAsync();
        await AuditAsync(AuditActions.RoleChanged, Target(member), AuditSummaries.Member(member), AuditSummaries.Member(changed));
        return changed;
    }

    public async Task<Outcome> RemoveMemberAsync(Actor actor, string userId)
    {
        var member = FindMember(userId);
        if (member is null)
        {
            return Failure.NotFound("Team member");
        }
        var refused = PlatformRoles.Refuse(actor, Id, member, newRole: null, State.Members)
            ?? (member.Role == Roles.Owner && !IsOwnerLike(actor) ? OnlyOwners() : null) ?? RefuseLosingLastOwner(member, newRole: null);
        if (refused is not null)
        {
            return refused;
        }
        State.Members.Remove(member);
        await tenant.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(GrainKeys.Scoped(Id, userId)).DeactivateAsync();
        await GrainFactory.GetGrain<IEmailIndexGrain>(Emails.Normalize(member.Email)).ReleaseAsync(userId);
        await AuditAsync(AuditActions.MemberRemoved, Target(member), AuditSummaries.Member(member), null);
        return Outcome.Success;
    }

    private AuditTarget TenantTarget() => new(AuditTargetTypes.Tenant, Id.Value);

    private IPricebookGrain Pricebook() => GrainFactory.GetGrain<IPricebookGrain>(IPricebookGrain.Key);

    private async Task<PricebookPlan> SubscribedPlanAsync()
    {
        if (_subscribed is null)
        {
            var version = await Pricebook().GetVersionAsync(SubscribedVersion)
                ?? throw new InvalidOperationException($"Tenant {Id} is subscribed under pricebook version {SubscribedVersion}, which is not published.");
            _subscribed = version.Plan(State.Plan)
                ?? throw new InvalidOperationException($"Pricebook version {SubscribedVersion} does not price plan {State.Plan}.");
        }
        return _subscribed;
    }

    private async Task<TenantPlan> CurrentPlanAsync() => new(
        State.Plan, SubscribedVersion, (await SubscribedPlanAsync()).ToLimits(),
        BillingPeriod.Containing(time.GetUtcNow()), State.PlanSince == default ? State.CreatedAt : State.PlanSince);

    private async Task<TenantOverview> OverviewAsync()
    {
        var plan = await CurrentPlanAsync();
        return new TenantOverview(Id.Value, State.Name, Status(), State.CreatedAt, plan.PlanId, plan.PricebookVersion, plan.SubscribedAt,
            plan.Period, plan.Limits, SeatsInUse(), State.Integrations.Count);
    }

    private string Status() => State.Suspended ? TenantStatus.Suspended : TenantStatus.Active;

    /// <summary>Members and open invitations whose role takes a seat (see <see cref="Seats"/>).</summary>
    private int SeatsInUse(string? exceptInvitationTo = null) =>
        State.Members.Count(m => Seats.Uses(m.Role)) +
        OpenInvitations().Count(i => Seats.Uses(i.Invitation.Role) && i.Invitation.Email != exceptInvitationTo);
    private Task AuditAsync(string action, AuditTarget target, object? before, object? after) =>
        GrainFactory.AuditAsync(Id, action, target, before, after);

    private static AuditTarget Target(TeamMember member) => new(AuditTargetTypes.User, member.Id);

    private TeamMember? FindMember(string userId) => State.Members.Find(m => m.Id == userId);

    private IEnumerable<OpenInvitation> OpenInvitations() => State.Invitations.Where(i => i.Invitation.ExpiresAt > time.GetUtcNow());

    private static bool IsOwnerLike(Actor actor) => actor.Role is Roles.Owner or Roles.PlatformAdmin;

    private static Failure OnlyOwners() => new(FailureCodes.Forbidden, "Only an owner can grant, change or remove the owner role.");

    private static Failure? ValidateRoleChange(Actor actor, string role, bool targetIsOwner)
    {
        if (!Roles.TenantRoles.Contains(role) && role != Roles.PlatformAdmin)
        {
            return Failure.Validation("role", $"role must be one of {string.Join(", ", Roles.TenantRoles)}.");
        }
        return (role == Roles.Owner || targetIsOwner) && !IsOwnerLike(actor) ? OnlyOwners() : null;
    }

    private Failure? RefuseLosingLastOwner(TeamMember member, string? newRole) =>
        member.Role == Roles.Owner && newRole != Roles.Owner && State.Members.Count(m => m.Role == Roles.Owner) == 1
            ? new Failure(FailureCodes.LastOwner, "A tenant keeps at least one owner: make someone else owner first.")
            : null;
}
