namespace Bob.Grains.Abstractions.Conversations;

/// <summary>A widget visitor rates one assistant answer of their conversation.</summary>
[GenerateSerializer, Immutable, Alias("bob.MessageFeedbackInput")]
public sealed record MessageFeedbackInput(
    [property: Id(0)] ConversationId ConversationId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] VisitorAccess Visitor,
    [property: Id(3)] string Rating,
    [property: Id(4)] string? Comment);
