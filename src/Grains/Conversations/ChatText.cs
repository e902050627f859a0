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

    /// <summary>The first characters of a message, never cutting a surrogate pair in half (a lone surrogate cannot be stored as UTF-8).</summary>
    public static string Preview(string text)
    {
        if (text.Length <= PreviewLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[PreviewLength - 1]) ? PreviewLength - 1 : PreviewLength;
        return text[..cut] + "…";
    }
}
