namespace Bob.Assistant.Safety;

public sealed record AssistantPolicy(IReadOnlyList<string> BlockedTopics, IReadOnlyList<string> HandoffKeywords)
{
    public static AssistantPolicy None { get; } = new([], []);
}
