namespace Bob.Grains.Abstractions.Conversations;

public static class ConversationStatus
{
    /// <summary>The assistant answers.</summary>
    public const string Assistant = "assistant";

    /// <summary>A human agent has taken over; the assistant stays silent.</summary>
    public const string Human = "human";

    /// <summary>The visitor asked for a human and none has taken over yet; the assistant stays silent.</summary>
    public const string Waiting = "waiting";

    /// <summary>True while the assistant must not answer (a human has, or was asked to take, the conversation).</summary>
    public static bool IsWithHumans(string? status) => status is Human or Waiting;

    public static readonly IReadOnlyList<string> All = [Assistant, Waiting, Human];
}
