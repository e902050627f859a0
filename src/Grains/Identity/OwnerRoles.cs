using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

/// <summary>
/// The tenant's rules on roles and <c>owner</c>, beside <see cref="PlatformRoles"/>: a role given is a tenant role, only an
/// owner (or a platform_admin) grants, changes or removes the owner role, and a tenant always keeps at least one owner.
/// </summary>
public static class OwnerRoles
{
    /// <summary>Why <paramref name="actor"/> may not give <paramref name="role"/> to a member (an owner when
    /// <paramref name="targetIsOwner"/>) or an invitee; null when the rules allow it.</summary>
    public static Failure? RefuseRole(Actor actor, string role, bool targetIsOwner)
    {
        if (!Roles.TenantRoles.Contains(role) && role != Roles.PlatformAdmin)
        {
            return Failure.Validation("role", $"role must be one of {string.Join(", ", Roles.TenantRoles)}.");
        }
        return (role == Roles.Owner || targetIsOwner) && !IsOwnerLike(actor) ? OnlyOwners() : null;
    }

    /// <summary>Why <paramref name="actor"/> may not remove <paramref name="member"/>: only an owner removes an owner.</summary>
    public static Failure? RefuseRemoval(Actor actor, TeamMember member) =>
        member.Role == Roles.Owner && !IsOwnerLike(actor) ? OnlyOwners() : null;

    /// <summary>Refuses taking the owner role from the last owner (<paramref name="newRole"/> null: removing them).</summary>
    public static Failure? RefuseLosingLastOwner(TeamMember member, string? newRole, IReadOnlyCollection<TeamMember> members) =>
        member.Role == Roles.Owner && newRole != Roles.Owner && members.Count(m => m.Role == Roles.Owner) == 1
            ? new Failure(FailureCodes.LastOwner, "A tenant keeps at least one owner: make someone else owner first.")
            : null;

    private static bool IsOwnerLike(Actor actor) => actor.Role is Roles.Owner or Roles.PlatformAdmin;

    private static Failure OnlyOwners() => new(FailureCodes.Forbidden, "Only an owner can grant, change or remove the owner role.");
}
