namespace Bob.Grains.Abstractions.Audit;

/// <summary>
/// Every action the audit log records: the one home of the closed set (<c>area.verb</c>). <c>GET /api/audit?action=</c>
/// accepts exactly these. Never rename one: stored entries and clients' filters name them.
/// </summary>
public static class AuditActions
{
    public const string Login = "auth.login";
    public const string LoginFailed = "auth.login_failed";
    public const string PasswordChanged = "auth.password_changed";

    public const string PersonaCreated = "persona.created";
    public const string PersonaUpdated = "persona.updated";
    public const string PersonaActivated = "persona.activated";
    public const string PersonaDeleted = "persona.deleted";

    public const string KnowledgeCreated = "knowledge.created";
    public const string KnowledgeUpdated = "knowledge.updated";
    public const string KnowledgeDeleted = "knowledge.deleted";

    public const string WidgetKeyCreated = "widget_key.created";
    public const string WidgetKeyUpdated = "widget_key.updated";
    public const string WidgetKeyRotated = "widget_key.rotated";
    public const string WidgetKeyRevoked = "widget_key.revoked";

    public const string GovernanceUpdated = "governance.updated";

    public const string MemberInvited = "team.invited";
    public const string InvitationCancelled = "team.invitation_cancelled";
    public const string MemberJoined = "team.joined";
    public const string RoleChanged = "team.role_changed";
    public const string MemberRemoved = "team.removed";

    public const string ConversationTakenOver = "conversation.taken_over";
    public const string ConversationReleased = "conversation.released";

    public const string PlanChanged = "plan.changed";
    public const string PricebookPublished = "pricebook.published";
    public const string TenantSuspended = "tenant.suspended";
    public const string TenantResumed = "tenant.resumed";

    public const string WebhookCreated = "webhook.created";
    public const string WebhookUpdated = "webhook.updated";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookDisabled = "webhook.disabled";
    public const string WebhookSecretRotated = "webhook.secret_rotated";

    public static readonly IReadOnlyList<string> All =
    [
        Login, LoginFailed, PasswordChanged,
        PersonaCreated, PersonaUpdated, PersonaActivated, PersonaDeleted,
        KnowledgeCreated, KnowledgeUpdated, KnowledgeDeleted,
        WidgetKeyCreated, WidgetKeyUpdated, WidgetKeyRotated, WidgetKeyRevoked,
        GovernanceUpdated,
        MemberInvited, InvitationCancelled, MemberJoined, RoleChanged, MemberRemoved,
        ConversationTakenOver, ConversationReleased,
        PlanChanged, PricebookPublished, TenantSuspended, TenantResumed,
        WebhookCreated, WebhookUpdated, WebhookDeleted, WebhookDisabled, WebhookSecretRotated,
    ];

    public static bool IsKnown(string? action) => action is not null && All.Contains(action, StringComparer.Ordinal);
}
