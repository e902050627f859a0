using System.Text.Json;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Bob.Grains.Tests.Conversations;

/// <summary>The conversation contracts carry typed ids across the wire and keep the API's <c>session_id</c> in JSON.</summary>
public sealed class ConversationContractTests
{
    private static readonly ConversationId Id = new("ses_contract");
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly TranscriptMessage Message =
        new(1, "msg_1", TranscriptRole.Visitor, "hi", null, [new ChatCitation("kb_1", "Shipping")], false, 0, At, "c-1");

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ChatReply).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void Conversation_contracts_round_trip_through_the_orleans_serializer()
    {
        var reply = new ChatReply(Id, "msg_2", "Hello", new ChatPersona("per_1", "Ava"), [], false, new ChatCredits(1, 99), ConversationStatus.Assistant);
        var view = new ConversationView(Id, ChatChannel.Widget, ConversationStatus.Human, "t", "per_1", "usr_1", At, At, [Message]);
        var page = new ConversationPage([new ConversationSummary(Id, ChatChannel.Console, ConversationStatus.Assistant, null, At, At, 1, "hi", null)], 1, 20, 1);
        var query = new ConversationQuery(ConversationStatus.Human, "order", 2, 50);
        var feedEvent = new ConversationEvent(7, ConversationEventTypes.Message, Id, Message, ConversationStatus.Assistant, At);

        Assert.Equal(reply with { Citations = [] }, RoundTrip(reply) with { Citations = [] });
        Assert.Equal(Id, RoundTrip(view).ConversationId);
        Assert.Equal(Message with { Citations = [] }, RoundTrip(view).Messages[0] with { Citations = [] });
        Assert.Equal(Id, RoundTrip(page).Items[0].ConversationId);
        Assert.Equal(query, RoundTrip(query));
        Assert.Equal(feedEvent with { Message = null }, RoundTrip(feedEvent) with { Message = null });
        Assert.Equal(new TenantId("acme"), RoundTrip(new TenantId("acme")));
    }

    [Fact]
    public void Conversation_ids_are_plain_session_id_strings_in_json()
    {
        var reply = new ChatReply(Id, "msg_2", "Hello", new ChatPersona("per_1", "Ava"), [], false, new ChatCredits(1, 99), ConversationStatus.Assistant);

        var json = JsonSerializer.Serialize(reply, Web);

        Assert.Contains("\"session_id\":\"ses_contract\"", json, StringComparison.Ordinal);
        Assert.Equal(Id, JsonSerializer.Deserialize<ConversationId>("\"ses_contract\""));
    }

    [Theory]
    [InlineData("ses_ok-1", true)]
    [InlineData("session_123", true)]
    [InlineData("has space", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_valid_ids_parse(string? value, bool valid)
    {
        Assert.Equal(valid, ConversationId.TryParse(value, out var id));
        Assert.Equal(valid ? value : null, id.Value);
    }

    [Fact]
    public void New_ids_are_unguessable_and_prefixed()
    {
        var first = ConversationId.New();

        Assert.StartsWith(IdPrefixes.Conversation, first.Value, StringComparison.Ordinal);
        Assert.True(Ids.IsValid(first.Value));
        Assert.NotEqual(first, ConversationId.New());
    }

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;
}
