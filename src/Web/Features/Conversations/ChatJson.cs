using System.Text.Json;
using System.Text.Json.Serialization;
using Bob.Grains.Abstractions.Conversations;

namespace Bob.Web.Features.Conversations;

/// <summary>Chat payloads use the seed's snake_case (<c>session_id</c>, <c>message_id</c>); everything else is camelCase.</summary>
public static class ChatJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Visitors' and assistants' text stays readable ("don't", not "don\u0027t"); still valid, escaped JSON.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult Created(object value) => Results.Json(value, Options, statusCode: StatusCodes.Status201Created);

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}

public sealed record ChatBody(
    [property: JsonPropertyName(ConversationId.ApiName)] string? ConversationId,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("business_id")] string? BusinessId,
    [property: JsonPropertyName("client_message_id")] string? ClientMessageId,
    [property: JsonPropertyName("visitor_token")] string? VisitorToken = null);

/// <summary>The widget's "talk to a human": the conversation (omitted: a new one), its visitor token, and optionally
/// the message that prompted it (e.g. the one refused for credits), stored once per client_message_id.</summary>
public sealed record HumanRequestBody(
    [property: JsonPropertyName(ConversationId.ApiName)] string? ConversationId,
    [property: JsonPropertyName("visitor_token")] string? VisitorToken,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("client_message_id")] string? ClientMessageId);

public sealed record StartConversationBody(
    [property: JsonPropertyName("persona_id")] string? PersonaId,
    [property: JsonPropertyName("title")] string? Title);

public sealed record AgentReplyBody(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("client_message_id")] string? ClientMessageId);
