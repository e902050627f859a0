using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Governance;

/// <summary>A tenant's governance (keyed by the tenant id): guardrails here, credit policy and public chat on the tenant.</summary>
public interface IGovernanceGrain : IGrainWithStringKey
{
    /// <returns>null when the tenant does not exist.</returns>
    [Alias("Get")]
    Task<GovernanceSettings?> GetAsync();

    /// <summary>Replaces the whole governance (validated first: a refused change stores nothing) and records one
    /// <c>governance.updated</c> audit entry when something changed.</summary>
    [Alias("Update")]
    Task<Result<GovernanceSettings>> UpdateAsync(GovernanceSettings settings);

    /// <summary>A new tenant's governance: private by default (PII redaction on). Does nothing once any governance is stored,
    /// so a tenant's own choice, false included, always stands.</summary>
    [Alias("ApplyNewTenantDefaults")]
    Task ApplyNewTenantDefaultsAsync();

    /// <summary>What the next chat turn must apply.</summary>
    [Alias("GetGuardrails"), Orleans.Concurrency.ReadOnly]
    Task<Guardrails> GetGuardrailsAsync();

    /// <summary>The retention in days (null: keep transcripts), for the retention sweep.</summary>
    [Alias("GetRetentionDays"), Orleans.Concurrency.ReadOnly]
    Task<int?> GetRetentionDaysAsync();
}
