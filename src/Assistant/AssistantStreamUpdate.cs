namespace Bob.Assistant;

/// <summary>Either a text delta or, last of all, the final reply whose text equals the concatenated deltas.</summary>
public sealed record AssistantStreamUpdate(string? Delta, AssistantReply? Final)
{
    public static AssistantStreamUpdate OfDelta(string delta) => new(delta, null);

    public static AssistantStreamUpdate OfFinal(AssistantReply reply) => new(null, reply);
}
