using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Grains.Audit;

/// <summary>
/// What an audit entry says about a thing before and after a change: enough to tell what changed, nothing that must not
/// be kept — no key values (a rotated-out key is still a credential to someone), no passwords or token hashes, and long
/// texts (a system prompt, an article) only by length, so the log stays small and free of what the texts may hold.
/// </summary>
public static class AuditSummaries
{
    public static object Persona(PersonaView persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return new { persona.Name, persona.Tone, persona.Description, persona.Version, persona.Active, SystemPromptLength = persona.SystemPrompt.Length };
    }

    public static object Article(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new { article.Title, article.Tags, ContentLength = article.Content.Length };
    }

    public static object WidgetKey(WidgetKeyView key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new { key.Name, key.AllowedOrigins, key.RotatedAt, key.Appearance };
    }

    public static object Member(TeamMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new { member.Email, member.Role };
    }

    /// <summary>Governance as set: the lists are the tenant's own words about topics, never visitor text.</summary>
    public static object Governance(GovernanceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new { settings.BlockedTopics, settings.PiiRedaction, settings.HandoffKeywords, settings.CreditPolicy, settings.RetentionDays, settings.PublicChat };
    }

    public static object Conversation(string status, string? takenOverBy) => new { Status = status, TakenOverBy = takenOverBy };

    public static object Invitation(PendingInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return new { invitation.Email, invitation.Role, invitation.ExpiresAt };
    }

    /// <summary>
    /// A webhook endpoint without its secrets, and its URL without the query string (receivers often carry a token there);
    /// a rotation records only until when the old secret still signs.
    /// </summary>
    public static object Webhook(WebhookEndpointView endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var url = Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var parsed) ? parsed.GetLeftPart(UriPartial.Path) : "";
        return new { Url = url, endpoint.Events, endpoint.Description, endpoint.Status, endpoint.DisabledReason, endpoint.PreviousSecretExpiresAt };
    }
}
