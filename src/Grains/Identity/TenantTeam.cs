using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Audit;

namespace Bob.Grains.Identity;

/// <summary>
/// The tenant's team: members, their roles and the open invitations, under <see cref="PlatformRoles"/> and
/// <see cref="OwnerRoles"/>; a change that takes a seat asks <see cref="TenantSubscription"/> for it first.
/// </summary>
public sealed class TenantTeam(TenantRecord tenant, TenantSubscription subscription, TimeSpan invitationLifetime)
{
    private TenantState State => tenant.State;

    public TeamMember? Member(string userId) => State.Members.Find(m => m.Id == userId);

    public Membership? Membership(string userId) => Member(userId) is { } member ? new Membership(member, State.Suspended) : null;

    public Team Team() => new(
        [.. State.Members.OrderBy(m => m.JoinedAt)],
        [.. tenant.OpenInvitations().Select(i => i.Invitation)]);

    public async Task<Outcome> AddMemberAsync(TeamMember member)
    {
        if (!State.Exists)
        {
            return Failure.NotFound("Tenant");
        }
        if (Member(member.Id) is null)
        {
            State.Members.Add(member);
            await tenant.WriteAsync();
        }
        return Outcome.Success;
    }

    public async Task<Result<InvitationIssued>> InviteAsync(Actor actor, string email, string role)
    {
        var invalid = PlatformRoles.Refuse(actor, tenant.Id, target: null, role, State.Members) ?? OwnerRoles.RefuseRole(actor, role, targetIsOwner: false);
        if (!Emails.IsValid(email))
        {
            return Failure.Validation("email", "email must be a valid address.");
        }
        if (invalid is not null)
        {
            return invalid;
        }
        var normalized = Emails.Normalize(email);
        if (await tenant.Grains.GetGrain<IEmailIndexGrain>(normalized).LookupAsync() is not null)
        {
            return new Failure(FailureCodes.EmailTaken, "A user with this email already exists.");
        }
        // A re-invitation replaces the email's open invitation, so that one's seat is not counted twice.
        if (Seats.Uses(role) && await subscription.RefuseOneMoreSeatAsync(exceptInvitationTo: normalized) is { } full)
        {
            return full;
        }

        foreach (var previous in State.Invitations.Where(i => i.Invitation.Email == normalized).ToList())
        {
            await tenant.Grains.GetGrain<IInvitationGrain>(previous.TokenKey).RevokeAsync();
            State.Invitations.Remove(previous);
        }
        var token = Ids.RandomToken(32);
        var pending = new PendingInvitation(Ids.New(IdPrefixes.Invitation), normalized, role, tenant.Now + invitationLifetime);
        await tenant.Grains.GetGrain<IInvitationGrain>(AccessTokens.KeyOf(token))
            .CreateAsync(new InvitationDetails(tenant.Id, pending.Id, pending.Email, pending.Role, pending.ExpiresAt));
        State.Invitations.Add(new OpenInvitation(pending, AccessTokens.KeyOf(token)));
        await tenant.WriteAsync();
        await tenant.AuditAsync(AuditActions.MemberInvited, new AuditTarget(AuditTargetTypes.Invitation, pending.Id), null, AuditSummaries.Invitation(pending));
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
            await tenant.AuditAsync(AuditActions.MemberJoined, Target(member), null, AuditSummaries.Member(member));
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
        await tenant.Grains.GetGrain<IInvitationGrain>(open.TokenKey).RevokeAsync();
        State.Invitations.Remove(open);
        await tenant.WriteAsync();
        return Outcome.Success;
    }

    public async Task<Result<TeamMember>> ChangeRoleAsync(Actor actor, string userId, string role)
    {
        var member = Member(userId);
        if (member is null)
        {
            return Failure.NotFound("Team member");
        }
        var refused = PlatformRoles.Refuse(actor, tenant.Id, member, role, State.Members)
            ?? OwnerRoles.RefuseRole(actor, role, member.Role == Roles.Owner) ?? OwnerRoles.RefuseLosingLastOwner(member, role, State.Members);
        if (refused is null && !Seats.Uses(member.Role) && Seats.Uses(role))
        {
            refused = await subscription.RefuseOneMoreSeatAsync();
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
        await tenant.WriteAsync();
        await tenant.AuditAsync(AuditActions.RoleChanged, Target(member), AuditSummaries.Member(member), AuditSummaries.Member(changed));
        return changed;
    }

    public async Task<Outcome> RemoveMemberAsync(Actor actor, string userId)
    {
        var member = Member(userId);
        if (member is null)
        {
            return Failure.NotFound("Team member");
        }
        var refused = PlatformRoles.Refuse(actor, tenant.Id, member, newRole: null, State.Members)
            ?? OwnerRoles.RefuseRemoval(actor, member) ?? OwnerRoles.RefuseLosingLastOwner(member, newRole: null, State.Members);
        if (refused is not null)
        {
            return refused;
        }
        State.Members.Remove(member);
        await tenant.WriteAsync();
        await tenant.Grains.GetGrain<IUserGrain>(GrainKeys.Scoped(tenant.Id, userId)).DeactivateAsync();
        await tenant.Grains.GetGrain<IEmailIndexGrain>(Emails.Normalize(member.Email)).ReleaseAsync(userId);
        await tenant.AuditAsync(AuditActions.MemberRemoved, Target(member), AuditSummaries.Member(member), null);
        return Outcome.Success;
    }

    private static AuditTarget Target(TeamMember member) => new(AuditTargetTypes.User, member.Id);
}
