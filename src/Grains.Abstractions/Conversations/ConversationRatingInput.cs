namespace Bob.Grains.Abstractions.Conversations;

/// <summary>A widget visitor's one-question rating of the whole conversation (1..5), asked when the conversation ends.</summary>
[GenerateSerializer, Immutable, Alias("bob.ConversationRatingInput")]
public sealed record ConversationRatingInput(
    [property: Id(0)] ConversationId ConversationId,
    [property: Id(1)] VisitorAccess Visitor,
    [property: Id(2)] int Score,
    [property: Id(3)] string? Comment)
{
    public const int ScoreMin = 1;
    public const int ScoreMax = 5;
}
