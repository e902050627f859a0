using Bob.Assistant.Retrieval;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Webhooks;

namespace Bob.Grains.Conversations;

/// <summary>
/// What a turn needs to know about its tenant, and the credit meter it is charged on. <see cref="CachedTurnSources"/>
/// reads the tenant's settings live on every turn and the rest from a per-silo cache kept under the tenant's stamp.
/// </summary>
public interface ITurnSources
{
    /// <summary>The tenant as this turn sees it (from <paramref name="alreadyRead"/> when the caller read it for this
    /// request); null when the tenant does not exist.</summary>
    Task<ITurnTenant?> TenantAsync(TenantId tenant, TenantTurnConfig? alreadyRead = null);

    Task<ChatCredits> BalanceAsync(TenantId tenant);

    /// <summary>Holds a turn's credit before its engine runs (see <see cref="ICreditMeterGrain.HoldAsync"/>).</summary>
    Task<CreditHold> HoldAsync(TenantId tenant, string creditPolicy);

    /// <summary>Called only once the answers that cost <paramref name="credits"/> are durable, with the PostgreSQL
    /// transaction that committed them (so a meter that already counted it from the log does not count it again): gives
    /// back their turns' <paramref name="held"/> credits and counts the answers' (<see cref="TranscriptWriter"/>, per tenant of a batch).</summary>
    Task<ChatCredits> SettleAsync(TenantId tenant, int held, int credits, ulong commitTransaction);

    /// <summary>Gives back a turn's hold when nothing was stored.</summary>
    Task<ChatCredits> ReleaseAsync(TenantId tenant, int held);

    /// <summary>Recounts the tenant's credits from the log: for an answer stored behind a lost acknowledgement.</summary>
    Task<ChatCredits> ReconcileAsync(TenantId tenant);
}

/// <summary>One tenant as a turn reads it: the live settings, and the rest as of the same moment.</summary>
public interface ITurnTenant
{
    TenantSettings Settings { get; }

    /// <summary>The tenant's guardrails (blocked topics, redaction, handoff keywords).</summary>
    Task<Guardrails> GuardrailsAsync();

    /// <summary>The persona that answers: <paramref name="personaId"/> when it still exists, else the active one.</summary>
    Task<PersonaView> SpeakerAsync(string? personaId);

    Task<KnowledgeIndex> KnowledgeAsync();

    /// <summary>The event types the tenant's enabled webhook endpoints subscribe to: the events this turn raises.</summary>
    Task<WebhookSubscriptions> WebhookSubscriptionsAsync();
}
