namespace Bob.Assistant;

/// <summary>The engines a tenant can choose (<c>assistantEngine</c> in its settings) and a reply reports.</summary>
public static class AssistantEngineNames
{
    public const string BuiltIn = "builtin";
    public const string Hosted = "hosted";

    public static readonly IReadOnlyList<string> All = [BuiltIn, Hosted];
}
