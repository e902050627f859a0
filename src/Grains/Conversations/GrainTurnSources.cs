using Bob.Assistant.Retrieval;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Knowledge;

namespace Bob.Grains.Conversations;

/// <summary>Every answer straight from the tenant's grains, so a change (settings, persona, knowledge, credits) applies to the very next turn.</summary>
public sealed class GrainTurnSources(IGrainFactory grains, KnowledgeIndexCache knowledgeIndexes) : ITurnSources
{
    public Task<TenantSettings?> SettingsAsync(TenantId tenant) => grains.GetGrain<ITenantGrain>(tenant).GetSettingsAsync();

    public Task<PersonaView> SpeakerAsync(TenantId tenant, string? personaId) => grains.GetGrain<IPersonaCatalogGrain>(tenant).GetSpeakerAsync(personaId);

    public Task<KnowledgeIndex> KnowledgeAsync(TenantId tenant) => knowledgeIndexes.GetAsync(tenant.Value, grains.GetGrain<IKnowledgeBaseGrain>(tenant));

    public Task<ChatCredits> BalanceAsync(TenantId tenant) => grains.GetGrain<ICreditMeterGrain>(tenant).BalanceAsync();

    public Task<CreditHold> HoldAsync(TenantId tenant, string creditPolicy) => grains.GetGrain<ICreditMeterGrain>(tenant).HoldAsync(creditPolicy);

    public Task<ChatCredits> SettleAsync(TenantId tenant, int held, int credits, ulong commitTransaction) =>
        grains.GetGrain<ICreditMeterGrain>(tenant).SettleAsync(held, credits, commitTransaction);

    public Task<ChatCredits> ReleaseAsync(TenantId tenant, int held) => grains.GetGrain<ICreditMeterGrain>(tenant).ReleaseAsync(held);

    public Task<ChatCredits> ReconcileAsync(TenantId tenant) => grains.GetGrain<ICreditMeterGrain>(tenant).ReconcileAsync();
}
