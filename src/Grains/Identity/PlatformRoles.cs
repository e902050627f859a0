using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Identity;

/// <summary>
/// The platform tenant's rules on <c>platform_admin</c>, beside the last-owner rule: only a platform_admin grants the role,
/// changes another's or removes one, and the platform always keeps at least one. Elsewhere the role cannot be granted.
/// </summary>
public static class PlatformRoles
{
    /// <summary>Why <paramref name="actor"/> may not give <paramref name="target"/> <paramref name="newRole"/> (null: remove, or
    /// invite when <paramref name="target"/> is null) on <paramref name="tenant"/>; null when the rules allow it.</summary>
    public static Failure? Refuse(Actor actor, TenantId tenant, TeamMember? target, string? newRole, IReadOnlyCollection<TeamMember> members)
    {
        var grants = newRole == Roles.PlatformAdmin && target?.Role != Roles.PlatformAdmin;
        var takesAway = target?.Role == Roles.PlatformAdmin && newRole != Roles.PlatformAdmin;
        if (newRole == Roles.PlatformAdmin && tenant != TenantId.Platform)
        {
            return Failure.Validation("role", $"role must be one of {string.Join(", ", Roles.TenantRoles)}.");
        }
        if ((grants || takesAway) && actor.Role != Roles.PlatformAdmin)
        {
            return new Failure(FailureCodes.Forbidden, "Only a platform_admin can grant, change or remove the platform_admin role.");
        }
        return takesAway && members.Count(m => m.Role == Roles.PlatformAdmin) == 1
            ? new Failure(FailureCodes.LastPlatformAdmin, "The platform keeps at least one platform_admin: make someone else platform_admin first.")
            : null;
    }
}
