using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Audit;

namespace Bob.Grains.Governance;

[GenerateSerializer, Alias("bob.GovernanceState")]
public sealed class GovernanceState
{
    [Id(0)] public List<string> BlockedTopics { get; set; } = [];
    [Id(1)] public bool PiiRedaction { get; set; }
    [Id(2)] public List<string> HandoffKeywords { get; set; } = [];
    [Id(3)] public int? RetentionDays { get; set; }
}

/// <summary>
/// A tenant's governance: holds the guardrails and the retention, and writes the credit policy and public chat through
/// the tenant grain that owns them (<see cref="ITenantGrain.SetCreditPolicyAsync"/>, <see cref="ITenantGrain.UpdateSettingsAsync"/>).
/// </summary>
public sealed class GovernanceGrain(
    [PersistentState("governance", "bob")] IPersistentState<GovernanceState> governance) : Grain, IGovernanceGrain
{
    private TenantId Tenant => new(this.GetPrimaryKeyString());

    private ITenantGrain TenantGrain => GrainFactory.GetGrain<ITenantGrain>(Tenant);

    public async Task<GovernanceSettings?> GetAsync() =>
        await TenantGrain.GetSettingsAsync() is { } tenant ? Current(tenant) : null;

    public async Task<Result<GovernanceSettings>> UpdateAsync(GovernanceSettings settings)
    {
        var normalized = GovernanceRules.Normalize(settings);
        if (normalized.Failure is { } invalid)
        {
            return invalid;
        }
        var wanted = normalized.Value!;
        if (await TenantGrain.GetSettingsAsync() is not { } tenant)
        {
            return Failure.NotFound("Tenant");
        }
        var before = Current(tenant);
        if (wanted.CreditPolicy != before.CreditPolicy && (await TenantGrain.SetCreditPolicyAsync(wanted.CreditPolicy)).Failure is { } refusedPolicy)
        {
            return refusedPolicy;
        }
        if (wanted.PublicChat != before.PublicChat && (await TenantGrain.UpdateSettingsAsync(wanted.PublicChat, null)).Failure is { } refusedSettings)
        {
            return refusedSettings;
        }
        var state = governance.State;
        if (!SameGuardrails(before, wanted))
        {
            state.BlockedTopics = [.. wanted.BlockedTopics];
            state.PiiRedaction = wanted.PiiRedaction;
            state.HandoffKeywords = [.. wanted.HandoffKeywords];
            state.RetentionDays = wanted.RetentionDays;
            await governance.WriteStateAsync();
            await TenantGrain.TurnConfigChangedAsync();
        }
        if (wanted.RetentionDays != before.RetentionDays)
        {
            await GrainFactory.GetGrain<IRetentionGrain>(Tenant).ScheduleAsync(wanted.RetentionDays);
        }
        if (!SameGuardrails(before, wanted) || wanted.CreditPolicy != before.CreditPolicy || wanted.PublicChat != before.PublicChat)
        {
            await GrainFactory.AuditAsync(Tenant, AuditActions.GovernanceUpdated, new AuditTarget(AuditTargetTypes.Tenant, Tenant.Value),
                AuditSummaries.Governance(before), AuditSummaries.Governance(wanted));
        }
        return wanted;
    }

    public async Task ApplyNewTenantDefaultsAsync()
    {
        if (governance.RecordExists)
        {
            return;
        }
        // Set here, not as the state's default: a tenant stored before redaction was on by default keeps what it had.
        governance.State.PiiRedaction = true;
        await governance.WriteStateAsync();
    }

    public Task<Guardrails> GetGuardrailsAsync()
    {
        var state = governance.State;
        return Task.FromResult(state.BlockedTopics.Count == 0 && !state.PiiRedaction && state.HandoffKeywords.Count == 0
            ? Guardrails.None
            : new Guardrails([.. state.BlockedTopics], state.PiiRedaction, [.. state.HandoffKeywords]));
    }

    public Task<int?> GetRetentionDaysAsync() => Task.FromResult(governance.State.RetentionDays);

    private GovernanceSettings Current(TenantSettings tenant)
    {
        var state = governance.State;
        return new GovernanceSettings([.. state.BlockedTopics], state.PiiRedaction, [.. state.HandoffKeywords], tenant.CreditPolicy, state.RetentionDays, tenant.PublicChat);
    }

    private static bool SameGuardrails(GovernanceSettings a, GovernanceSettings b) =>
        a.BlockedTopics.SequenceEqual(b.BlockedTopics, StringComparer.Ordinal) && a.PiiRedaction == b.PiiRedaction &&
        a.HandoffKeywords.SequenceEqual(b.HandoffKeywords, StringComparer.Ordinal) && a.RetentionDays == b.RetentionDays;
}
