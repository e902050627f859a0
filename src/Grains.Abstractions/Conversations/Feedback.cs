using System.Text.Json.Serialization;
using Bob.Grains.Abstractions.Common;

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

/// <summary>A widget visitor rates one assistant answer of their conversation.</summary>
[GenerateSerializer, Immutable, Alias("bob.MessageFeedbackInput")]
public sealed record MessageFeedbackInput(
    [property: Id(0)] ConversationId ConversationId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] VisitorAccess Visitor,
    [property: Id(3)] string Rating,
    [property: Id(4)] string? Comment);

/// <summary>The rating in force for one answer (the latest one the visitor gave).</summary>
[GenerateSerializer, Immutable, Alias("bob.MessageFeedback")]
public sealed record MessageFeedback(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] string MessageId,
    [property: Id(2)] string Rating,
    [property: Id(3)] string? Comment,
    [property: Id(4)] DateTimeOffset CreatedAt);

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

[GenerateSerializer, Immutable, Alias("bob.ConversationRating")]
public sealed record ConversationRating(
    [property: Id(0), JsonPropertyName(ConversationId.ApiName)] ConversationId ConversationId,
    [property: Id(1)] int Score,
    [property: Id(2)] string? Comment,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>What visitors said about one conversation, for Mission Control.</summary>
[GenerateSerializer, Immutable, Alias("bob.ConversationFeedback")]
public sealed record ConversationFeedback(
    [property: Id(0)] IReadOnlyList<MessageFeedback> Messages,
    [property: Id(1)] ConversationRating? Rating);

/// <summary>Visitors' feedback (stateless; key 0): checks the visitor owns the conversation and rates an assistant answer.</summary>
[Alias("bob.IFeedbackGrain")]
public interface IFeedbackGrain : IGrainWithIntegerKey
{
    /// <summary>Records (or replaces) the visitor's rating of one assistant answer; a changed rating raises <c>feedback.created</c>.</summary>
    [Alias("RateMessage")]
    Task<Result<MessageFeedback>> RateMessageAsync(TenantId tenant, MessageFeedbackInput input);

    [Alias("RateConversation")]
    Task<Result<ConversationRating>> RateConversationAsync(TenantId tenant, ConversationRatingInput input);

    [Alias("ForConversation")]
    Task<ConversationFeedback> ForConversationAsync(TenantId tenant, ConversationId conversation);
}
