namespace Bob.Grains.Abstractions.Identity;

/// <summary>The role → permission table of API.md, the only place it is written down in code.</summary>
public static class Permissions
{
    public const string ChatManage = "chat.manage";
    public const string ChatRead = "chat.read";
    public const string PersonasManage = "personas.manage";
    public const string KnowledgeManage = "knowledge.manage";
    public const string WidgetManage = "widget.manage";
    public const string TeamManage = "team.manage";
    public const string WebhooksManage = "webhooks.manage";
    public const string GovernanceManage = "governance.manage";
    public const string UsageRead = "usage.read";
    public const string AuditRead = "audit.read";
    public const string BillingManage = "billing.manage";
    public const string TenantsManage = "tenants.manage";
    public const string PricebookPublish = "pricebook.publish";

    private static readonly string[] AdminPermissions =
    [
        ChatManage, ChatRead, PersonasManage, KnowledgeManage, WidgetManage, TeamManage,
        WebhooksManage, GovernanceManage, UsageRead, AuditRead,
    ];

    private static readonly string[] OwnerPermissions = [.. AdminPermissions, BillingManage];

    private static readonly Dictionary<string, string[]> ByRole = new(StringComparer.Ordinal)
    {
        [Roles.PlatformAdmin] = [.. OwnerPermissions, TenantsManage, PricebookPublish],
        [Roles.Owner] = OwnerPermissions,
        [Roles.Admin] = AdminPermissions,
        [Roles.Agent] = [ChatManage, ChatRead, UsageRead],
        [Roles.Viewer] = [ChatRead, UsageRead],
    };

    public static IReadOnlyList<string> For(string role) => ByRole.TryGetValue(role, out var permissions) ? permissions : [];

    public static bool Grants(string role, string permission) => For(role).Contains(permission, StringComparer.Ordinal);
}
