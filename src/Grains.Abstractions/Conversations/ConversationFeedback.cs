namespace Bob.Grains.Abstractions.Conversations;

/// <summary>What visitors said about one conversation, for Mission Control.</summary>
[GenerateSerializer, Immutable, Alias("bob.ConversationFeedback")]
public sealed record ConversationFeedback(
    [property: Id(0)] IReadOnlyList<MessageFeedback> Messages,
    [property: Id(1)] ConversationRating? Rating);
