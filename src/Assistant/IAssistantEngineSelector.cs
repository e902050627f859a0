namespace Bob.Assistant;

public interface IAssistantEngineSelector
{
    /// <param name="tenantModel">null (platform default), "builtin" or "hosted".</param>
    IAssistantEngine ForTenant(string? tenantModel);
}
