namespace Bob.Assistant;

public static class AssistantEngineNames
{
    public const string BuiltIn = "builtin";
    public const string Hosted = "hosted";
}
