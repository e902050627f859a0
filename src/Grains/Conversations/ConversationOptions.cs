namespace Bob.Grains.Conversations;

/// <summary>Settings under <c>Bob:Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Bob:Conversations";

    /// <summary>How long a conversation nobody writes to or reads keeps its activation (Orleans' default is 15 minutes for
    /// every grain). A returning visitor's next turn reloads it from the log; Orleans collects in one-minute rounds, so
    /// the value must be over a minute.</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(5);
}
