using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Identity;

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
