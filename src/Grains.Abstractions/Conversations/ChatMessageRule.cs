using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>The one rule for a chat message (visitor or agent): 1..<see cref="ChatLimits.MessageMax"/> characters after
/// trimming. The web checks it before calling a grain; the conversation grain checks it again for any other caller.</summary>
public static class ChatMessageRule
{
    public const string Field = "message";

    public static readonly string Requirement = $"message must be 1..{ChatLimits.MessageMax} characters after trimming.";

    public static bool IsValid(string? message) => (message?.Trim().Length ?? 0) is >= 1 and <= ChatLimits.MessageMax;

    /// <summary>The validation failure for <paramref name="message"/>, or null when it is a valid chat message.</summary>
    public static Failure? Check(string? message) => IsValid(message) ? null : Failure.Validation(Field, Requirement);
}
