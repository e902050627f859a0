using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Identity;

namespace Bob.Grains.Tests.Identity;

/// <summary>The owner rules as the tenant's team applies them, called directly: they are plain rules, no grain needed.</summary>
public sealed class OwnerRolesTests
{
    private static readonly Actor AnOwner = new("u_owner", Roles.Owner);
    private static readonly Actor AnAdmin = new("u_admin", Roles.Admin);
    private static readonly Actor ThePlatformAdmin = new("u_platform", Roles.PlatformAdmin);

    private static TeamMember Member(string id, string role) => new(id, $"{id}@example.test", role, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Only_an_owner_or_the_platform_admin_grants_owner()
    {
        Assert.Equal(FailureCodes.Forbidden, OwnerRoles.RefuseRole(AnAdmin, Roles.Owner, targetIsOwner: false)?.Code);
        Assert.Null(OwnerRoles.RefuseRole(AnOwner, Roles.Owner, targetIsOwner: false));
        Assert.Null(OwnerRoles.RefuseRole(ThePlatformAdmin, Roles.Owner, targetIsOwner: false));
    }

    [Fact]
    public void Only_an_owner_changes_an_owners_role_and_anyone_allowed_may_give_other_roles()
    {
        Assert.Equal(FailureCodes.Forbidden, OwnerRoles.RefuseRole(AnAdmin, Roles.Agent, targetIsOwner: true)?.Code);
        Assert.Null(OwnerRoles.RefuseRole(AnOwner, Roles.Agent, targetIsOwner: true));
        Assert.Null(OwnerRoles.RefuseRole(AnAdmin, Roles.Viewer, targetIsOwner: false));
    }

    [Fact]
    public void A_role_that_is_no_tenant_role_is_a_validation_failure_on_role()
    {
        var refused = OwnerRoles.RefuseRole(AnOwner, "superuser", targetIsOwner: false);

        Assert.Equal(FailureCodes.ValidationFailed, refused?.Code);
        Assert.Equal("role", Assert.Single(refused!.Errors!).Key);
    }

    [Fact]
    public void Only_an_owner_removes_an_owner()
    {
        Assert.Equal(FailureCodes.Forbidden, OwnerRoles.RefuseRemoval(AnAdmin, Member("u1", Roles.Owner))?.Code);
        Assert.Null(OwnerRoles.RefuseRemoval(AnOwner, Member("u1", Roles.Owner)));
        Assert.Null(OwnerRoles.RefuseRemoval(AnAdmin, Member("u2", Roles.Agent)));
    }

    [Fact]
    public void The_last_owner_keeps_the_role_until_someone_else_is_owner()
    {
        var last = Member("u1", Roles.Owner);
        TeamMember[] alone = [last, Member("u2", Roles.Admin)];
        TeamMember[] twoOwners = [last, Member("u2", Roles.Owner)];

        Assert.Equal(FailureCodes.LastOwner, OwnerRoles.RefuseLosingLastOwner(last, Roles.Admin, alone)?.Code);
        Assert.Equal(FailureCodes.LastOwner, OwnerRoles.RefuseLosingLastOwner(last, newRole: null, alone)?.Code);
        Assert.Null(OwnerRoles.RefuseLosingLastOwner(last, Roles.Owner, alone));
        Assert.Null(OwnerRoles.RefuseLosingLastOwner(last, Roles.Admin, twoOwners));
        Assert.Null(OwnerRoles.RefuseLosingLastOwner(Member("u2", Roles.Admin), newRole: null, alone));
    }
}
