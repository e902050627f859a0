namespace Bob.Grains.Abstractions.Conversations;

public static class ConversationEventTypes
{
    public const string Message = "message";
    public const string Status = "status";
}
