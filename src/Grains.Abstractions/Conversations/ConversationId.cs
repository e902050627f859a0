using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>
/// A conversation's id, unique within its tenant. The HTTP API and the database call it <c>session_id</c>
/// (<see cref="ApiName"/>); in code it is always a conversation. Server-made ids are <c>ses_</c> + 128 random bits;
/// clients may choose their own (<see cref="Ids.IsValid"/>). In JSON it is a plain string.
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.ConversationId")]
[JsonConverter(typeof(ConversationIdJsonConverter))]
public readonly record struct ConversationId([property: Id(0)] string Value)
{
    public const string ApiName = "session_id";

    public static ConversationId New() => new(Ids.New(IdPrefixes.Conversation));

    /// <summary>Minimal APIs bind route values through this; anything that is not a valid id is refused.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out ConversationId id)
    {
        id = Ids.IsValid(value) ? new ConversationId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}

public sealed class ConversationIdJsonConverter : JsonConverter<ConversationId>
{
    public override ConversationId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException($"{ConversationId.ApiName} must be a string."));

    public override void Write(Utf8JsonWriter writer, ConversationId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
