namespace Bob.Grains.Abstractions.Conversations;

/// <summary>The two ratings a visitor gives an answer, as the wire spells them.</summary>
public static class FeedbackRatings
{
    public const string Up = "up";
    public const string Down = "down";
    public const int CommentMax = 1000;

    public static bool IsKnown(string? rating) => rating is Up or Down;

    /// <summary>As stored (<c>bob_message_feedback.rating</c>): 1 for up, -1 for down.</summary>
    public static short Stored(string rating) => rating == Up ? (short)1 : (short)-1;

    public static string Named(short stored) => stored > 0 ? Up : Down;
}
