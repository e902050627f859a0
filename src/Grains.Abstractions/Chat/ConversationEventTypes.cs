namespace Bob.Grains.Abstractions.Chat;

public static class ConversationEventTypes
{
    public const string Message = "message";
    public const string Status = "status";
}
