namespace Bob.Grains.Abstractions.Conversations;

/// <summary>Which of the three chat paths a conversation came in through.</summary>
[GenerateSerializer, Alias("bob.ChatChannel")]
public enum ChatChannel
{
    Public = 0,
    Widget = 1,
    Console = 2,
}
