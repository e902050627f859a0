namespace Bob.Grains.Abstractions.Audit;

/// <summary>What an audited action was done to: a kind of thing (<see cref="AuditTargetTypes"/>) and its id.</summary>
[GenerateSerializer, Immutable, Alias("bob.AuditTarget")]
public sealed record AuditTarget(
    [property: Id(0)] string Type,
    [property: Id(1)] string Id);

public static class AuditTargetTypes
{
    public const string User = "user";
    public const string Persona = "persona";
    public const string Article = "article";
    public const string WidgetKey = "widget_key";
    public const string Tenant = "tenant";
    public const string Invitation = "invitation";
    public const string Conversation = "conversation";
    public const string Pricebook = "pricebook";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> All = [User, Persona, Article, WidgetKey, Tenant, Invitation, Conversation, Pricebook, Webhook];
}
