using System.Reflection;
using Bob.Grains.Abstractions.Identity;

namespace Bob.Grains.Tests.Identity;

/// <summary>
/// A grain call crosses the wire as a message whose type is named by the interface that declares the method and the
/// method's alias. Nodes of two releases share a cluster while a release rolls, so a method moved to another interface
/// (a split of <see cref="ITenantGrain"/>, say) would be a message the older nodes cannot read, on every request.
/// </summary>
public sealed class TenantGrainCallsTests
{
    private static readonly string[] Published =
    [
        "Create", "Get", "GetSettings", "GetTurnConfig", "TurnConfigChanged", "UpdateSettings", "SetCreditPolicy", "GetPlan",
        "AdmitIntegration", "ReleaseIntegration", "GetOverview", "ChangePlan", "SetSuspended", "SyncDirectory", "GetMember",
        "GetMembership", "AddMember", "GetTeam", "Invite", "CompleteInvitation", "CancelInvitation", "ChangeRole", "RemoveMember",
    ];

    [Fact]
    public void Every_tenant_grain_call_keeps_the_message_type_it_was_published_under()
    {
        var messages = typeof(ITenantGrain).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributesData())
            .Where(a => a.AttributeType.Name == "CompoundTypeAliasAttribute")
            .Select(a => ((IReadOnlyCollection<CustomAttributeTypedArgument>)a.ConstructorArguments[0].Value!).Select(c => c.Value).ToArray())
            .Where(parts => parts is ["inv", _, Type declaring, string] && declaring == typeof(ITenantGrain))
            .Select(parts => (string)parts[3]!);

        Assert.Equal(Published.Order(StringComparer.Ordinal), messages.Order(StringComparer.Ordinal));
    }
}
