using Bob.Grains.Abstractions.Identity;

namespace Bob.Web.Consoles;

/// <summary>
/// A console page's address, its navigation label and the permission that opens it (null: any signed-in member).
/// The navigation and the page's own endpoint read the permission from here, so a link is shown exactly when the
/// page would open.
/// </summary>
public sealed record ConsolePage(string Path, string Label, string? Permission, string Area)
{
    public const string PortalArea = "Portal";
    public const string MissionControlArea = "Mission Control";
    public const string AdminArea = "Admin";

    public static readonly ConsolePage PortalHome = new("/portal", "Overview", null, PortalArea);
    public static readonly ConsolePage Widget = new("/portal/widget", "Widget setup", Permissions.WidgetManage, PortalArea);
    public static readonly ConsolePage Personas = new("/portal/personas", "Personas", Permissions.PersonasManage, PortalArea);
    public static readonly ConsolePage Knowledge = new("/portal/knowledge", "Knowledge", Permissions.KnowledgeManage, PortalArea);
    public static readonly ConsolePage Team = new("/portal/team", "Team", Permissions.TeamManage, PortalArea);
    public static readonly ConsolePage Usage = new("/portal/usage", "Usage", Permissions.UsageRead, PortalArea);
    public static readonly ConsolePage Insights = new("/portal/insights", "Insights", Permissions.UsageRead, PortalArea);
    public static readonly ConsolePage Plan = new("/portal/plan", "Plan", Permissions.BillingManage, PortalArea);
    public static readonly ConsolePage Playground = new("/portal/playground", "Playground", Permissions.ChatManage, PortalArea);
    public static readonly ConsolePage Webhooks = new("/portal/webhooks", "Webhooks", Permissions.WebhooksManage, PortalArea);
    public static readonly ConsolePage Governance = new("/portal/governance", "Governance", Permissions.GovernanceManage, PortalArea);
    public static readonly ConsolePage Audit = new("/portal/audit", "Audit log", Permissions.AuditRead, PortalArea);
    public static readonly ConsolePage MissionControl = new("/mission-control", "Mission Control", Permissions.ChatRead, MissionControlArea);
    public static readonly ConsolePage Admin = new("/admin", "Tenants", Permissions.TenantsManage, AdminArea);

    // Admin Dashboard pages beyond the tenant list (kept together).
    public static readonly ConsolePage AdminPricebook = new("/admin/pricebook", "Pricebook", Permissions.PricebookPublish, AdminArea);

    /// <summary>Every page in navigation order; a page joins the navigation by being listed here.</summary>
    public static IReadOnlyList<ConsolePage> All { get; } = [PortalHome, Widget, Personas, Knowledge, Team, Usage, Insights, Plan, Playground, Webhooks, Governance, Audit, MissionControl, Admin, AdminPricebook];

    public bool OpensFor(string role) => Permission is null || Permissions.Grants(role, Permission);
}
