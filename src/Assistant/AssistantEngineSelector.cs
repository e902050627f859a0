namespace Bob.Assistant;

/// <summary>Picks the engine for a tenant; "hosted" without a configured hosted model gets the built-in engine.</summary>
public sealed class AssistantEngineSelector(IAssistantEngine builtIn, IAssistantEngine? hosted, string? platformDefault) : IAssistantEngineSelector
{
    public const string DefaultEngineConfigurationKey = "Bob:Assistant:DefaultEngine";

    public IAssistantEngine ForTenant(string? tenantModel)
    {
        var wanted = string.IsNullOrWhiteSpace(tenantModel) ? platformDefault : tenantModel;
        return string.Equals(wanted?.Trim(), AssistantEngineNames.Hosted, StringComparison.OrdinalIgnoreCase) && hosted is not null
            ? hosted
            : builtIn;
    }
}
