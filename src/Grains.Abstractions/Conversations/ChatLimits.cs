namespace Bob.Grains.Abstractions.Conversations;

public static class ChatLimits
{
    public const int MessageMax = 4000;
    public const int HistoryTurns = 20;
}
