namespace Bob.Grains.Assistant;

public sealed record AssistantPolicy(IReadOnlyList<string> BlockedTopics, IReadOnlyList<string> HandoffKeywords)
{
    public static AssistantPolicy None { get; } = new([], []);
}
