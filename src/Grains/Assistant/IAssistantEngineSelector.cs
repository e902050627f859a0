namespace Bob.Grains.Assistant;

public interface IAssistantEngineSelector
{
    /// <param name="tenantModel">null (platform default), "builtin" or "hosted".</param>
    IAssistantEngine ForTenant(string? tenantModel);
}
