using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

public static class ChatText
{
    private const int PreviewLength = 140;

    /// <summary>The validation failure for a chat message (1..4000 characters after trimming), or null.</summary>
    public static Failure? Problem(string? message)
    {
        var length = message?.Trim().Length ?? 0;
        return length is >= 1 and <= ChatLimits.MessageMax
            ? null
            : Failure.Validation("message", $"message must be 1..{ChatLimits.MessageMax} characters after trimming.");
    }

    public static string Preview(string text) => text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";
}
