using Bob.Assistant.Retrieval;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Conversations;
using Bob.Grains.Webhooks;
using Bob.Grains.Abstractions.Governance;

namespace Bob.Grains.Tests.Conversations;

/// <summary>The turn's sources in memory, counting the calls the checks make (their order is part of admission's contract).</summary>
internal sealed class InMemoryTurnSources : ITurnSources
{
    public TenantSettings? Settings { get; set; } = new(PublicChat: true, Suspended: false, AssistantEngine: null, CreditPolicy: CreditPolicies.HardStop);

    public ChatCredits Credits { get; set; } = new(0, 100);

    public KnowledgeIndex Knowledge { get; } = KnowledgeIndex.Build([new KnowledgeDocument("shipping", "Shipping", "Delivery takes 3 to 5 days.", [])]);

    public string? AskedPersonaId { get; internal set; }

    public int Calls { get; private set; }

    public Guardrails Guardrails { get; set; } = Guardrails.None;

    public Task<ITurnTenant?> TenantAsync(TenantId tenant, TenantTurnConfig? alreadyRead = null) => Answer<ITurnTenant?>(Settings is null ? null : new Tenant(this, Settings));

    public Task<ChatCredits> BalanceAsync(TenantId tenant) => Answer(Credits);

    public Task<CreditHold> HoldAsync(TenantId tenant, string creditPolicy)
    {
        var held = creditPolicy == CreditPolicies.Overage || Credits.Remaining > 0 ? 1 : 0;
        Credits = Credits with { Remaining = Math.Max(0, Credits.Remaining - held) };
        return Answer(new CreditHold(held, Credits));
    }

    public Task<ChatCredits> SettleAsync(TenantId tenant, int held, int credits, ulong commitTransaction) =>
        Answer(Credits = Credits with { Used = Credits.Used + credits });

    public Task<ChatCredits> ReleaseAsync(TenantId tenant, int held) => Answer(Credits);

    public Task<ChatCredits> ReconcileAsync(TenantId tenant) => Answer(Credits);

    internal Task<T> Answer<T>(T value)
    {
        Calls++;
        return Task.FromResult(value);
    }

    private sealed class Tenant(InMemoryTurnSources sources, TenantSettings settings) : ITurnTenant
    {
        public TenantSettings Settings => settings;

        /// <summary>Read beside the settings (not counted in <see cref="Calls"/>, which tracks the checks' order).</summary>
        public Task<Guardrails> GuardrailsAsync() => Task.FromResult(sources.Guardrails);

        public Task<PersonaView> SpeakerAsync(string? personaId)
        {
            sources.AskedPersonaId = personaId;
            return sources.Answer(new PersonaView("per_ava", "Ava", "", "formal", "Be formal.", 1, true, default, default));
        }

        public Task<KnowledgeIndex> KnowledgeAsync() => sources.Answer(sources.Knowledge);

        public Task<WebhookSubscriptions> WebhookSubscriptionsAsync() => Task.FromResult(WebhookSubscriptions.None);
    }
}
