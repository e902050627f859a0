using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Admin;
using Bob.Grains.Audit;
using Bob.Grains.Billing;

namespace Bob.Grains.Identity;

/// <summary>
/// The tenant grain's one persisted state, lent to the collaborators that carve up its work (<see cref="TenantTeam"/>,
/// <see cref="TenantSubscription"/>, <see cref="TenantSettingsPolicy"/>), with what more than one of them reads or does:
/// the tenant's id and status, its open invitations, audit entries and its row in the platform admin's directory.
/// The grain runs one call at a time, so they all read and change the same state without locks.
/// </summary>
public sealed class TenantRecord(
    IPersistentState<TenantState> tenant,
    TenantId id,
    IGrainFactory grains,
    TenantDirectory directory,
    TimeProvider time)
{
    public TenantState State => tenant.State;

    public TenantId Id => id;

    public IGrainFactory Grains => grains;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>State written before the pricebook existed was subscribed under the seed's V1.</summary>
    public int SubscribedVersion => State.PricebookVersion == 0 ? SeedPricebook.Version : State.PricebookVersion;

    public string Status => State.Suspended ? TenantStatus.Suspended : TenantStatus.Active;

    public AuditTarget Target => new(AuditTargetTypes.Tenant, Id.Value);

    public TenantSummary? Summary() => State.Exists ? new TenantSummary(Id.Value, State.Name, State.Plan, Status, State.CreatedAt) : null;

    /// <summary>Stores a new tenant subscribed to its plan under <paramref name="pricebookVersion"/>; the caller checked it does not exist.</summary>
    public async Task CreateAsync(TenantCreation creation, int pricebookVersion)
    {
        tenant.State = new TenantState
        {
            Exists = true,
            Name = creation.Name,
            Plan = creation.Plan,
            PublicChat = creation.PublicChat,
            CreatedAt = time.GetUtcNow(),
            PricebookVersion = pricebookVersion,
            PlanSince = time.GetUtcNow(),
        };
        await tenant.WriteStateAsync();
        await SyncDirectoryAsync();
    }

    public Task WriteAsync() => tenant.WriteStateAsync();

    /// <summary>The invitations not yet expired: the ones the team lists and whose seats count.</summary>
    public IEnumerable<OpenInvitation> OpenInvitations() => State.Invitations.Where(i => i.Invitation.ExpiresAt > time.GetUtcNow());

    public Task AuditAsync(string action, AuditTarget target, object? before, object? after) =>
        grains.AuditAsync(Id, action, target, before, after);

    public async Task SyncDirectoryAsync()
    {
        if (State.Exists)
        {
            await directory.UpsertAsync(new TenantDirectoryRow(Id.Value, State.Name, State.Plan, SubscribedVersion, Status, State.CreatedAt), time.GetUtcNow());
        }
    }
}
