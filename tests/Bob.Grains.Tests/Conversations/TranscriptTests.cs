using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Conversations;

/// <summary>The in-memory transcript: plain, no cluster and no database.</summary>
public sealed class TranscriptTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly ConversationId Id = new("ses_unit");
    private static readonly ChatPersona Ava = new("per_ava", "Ava");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private Transcript NewTranscript() => new(Tenant, Id, null, [], _time);

    private static ChatTurn Turn(string message, string? clientMessageId = null) => new(ChatChannel.Widget, message, clientMessageId, null);

    [Fact]
    public void A_kept_message_holds_its_cleaned_citations_in_a_right_sized_array_and_none_share_one_empty_array()
    {
        var change = NewTranscript().AnsweredTurn(Turn("Do you ship?"), Ava, "Yes.", [new("kb_1", "Ship\0ping"), new("kb_2", "Returns")], handoff: false, credits: 1);

        Assert.Same(Array.Empty<ChatCitation>(), change.Messages[0].Citations);
        var citations = Assert.IsType<ChatCitation[]>(change.Messages[1].Citations);
        Assert.Equal([new ChatCitation("kb_1", "Ship\uFFFDping"), new ChatCitation("kb_2", "Returns")], citations);
    }

    [Fact]
    public void A_first_answered_turn_creates_the_summary_row_and_numbers_the_messages_from_one()
    {
        var transcript = NewTranscript();

        var change = transcript.AnsweredTurn(Turn("  Do you ship to Norway?  ", "c-1"), Ava, "We ship to all EU countries.", [new("shipping", "Shipping")], handoff: false, credits: 1);

        Assert.Equal([1, 2], change.Messages.Select(m => m.Seq));
        Assert.Equal([TranscriptRole.Visitor, TranscriptRole.Assistant], change.Messages.Select(m => m.Role));
        Assert.Equal("Do you ship to Norway?", change.Messages[0].Text);
        Assert.Equal("c-1", change.Messages[0].ClientMessageId);
        Assert.Equal("Ava", change.Messages[1].Author);
        Assert.Equal(1, change.Messages[1].Credits);
        Assert.All(change.Messages, m => Assert.StartsWith(IdPrefixes.Message, m.MessageId, StringComparison.Ordinal));
        Assert.Equal(ChatChannel.Widget, change.Row.Channel);
        Assert.Equal("per_ava", change.Row.PersonaId);
        Assert.Equal(2, change.Row.MessageCount);
        Assert.Equal("We ship to all EU countries.", change.Row.LastPreview);
        Assert.Equal(_time.GetUtcNow(), change.Row.LastMessageAt);
    }

    [Fact]
    public void Nothing_changes_in_memory_until_the_change_is_applied()
    {
        var transcript = NewTranscript();

        var change = transcript.AnsweredTurn(Turn("hello"), Ava, "Hi!", [], false, 1);

        Assert.False(transcript.Exists);
        Assert.Empty(transcript.Messages);
        transcript.Apply(change);
        Assert.True(transcript.Exists);
        Assert.Equal(2, transcript.LastSeq);
        Assert.Equal(change.Messages, transcript.View().Messages);
    }

    [Fact]
    public void Later_messages_continue_the_sequence_and_carry_their_own_time()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.AnsweredTurn(Turn("first"), Ava, "one", [], false, 1));
        _time.Advance(TimeSpan.FromMinutes(5));

        var change = transcript.AnsweredTurn(Turn("second"), Ava, "two", [], false, 1);
        transcript.Apply(change);

        Assert.Equal([3, 4], change.Messages.Select(m => m.Seq));
        Assert.Equal(4, change.Row.MessageCount);
        Assert.Equal(_time.GetUtcNow(), change.Row.LastMessageAt);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromMinutes(5), change.Row.StartedAt);
    }

    [Fact]
    public void Replay_lookup_finds_the_visitor_turn_and_its_answer_by_client_message_id()
    {
        var transcript = NewTranscript();
        var first = transcript.AnsweredTurn(Turn("Do you ship?", "c-1"), Ava with { Name = "Ava v1" }, "Yes, we do.", [new("shipping", "Shipping")], false, 1);
        transcript.Apply(first);

        var earlier = transcript.EarlierTurn("c-1");
        var reply = earlier!.Reply(Ava, new ChatCredits(1, 99));

        Assert.Null(transcript.EarlierTurn("c-2"));
        Assert.Equal(first.Messages[1].MessageId, reply.MessageId);
        Assert.Equal("Yes, we do.", reply.Reply);
        Assert.Equal("Ava v1", reply.Persona.Name);
        Assert.Equal(Id, reply.ConversationId);
        Assert.Equal(new ChatCredits(1, 99), reply.Credits);
        Assert.Equal(ConversationStatus.Assistant, reply.Status);
    }

    [Fact]
    public void Replay_of_a_turn_a_human_had_answers_silently_again()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.AnsweredTurn(Turn("hi"), Ava, "Hello!", [], false, 1));
        transcript.Apply(transcript.Takeover("usr_agent")!);
        var silent = transcript.SilentTurn(Turn("anyone there?", "c-9"), Ava);
        transcript.Apply(silent);

        var reply = transcript.EarlierTurn("c-9")!.Reply(Ava, new ChatCredits(1, 99));

        Assert.Equal(silent.Messages[0].MessageId, reply.MessageId);
        Assert.Equal("", reply.Reply);
        Assert.True(reply.Handoff);
        Assert.Equal(ConversationStatus.Human, reply.Status);
    }

    [Fact]
    public void Takeover_by_the_agent_who_already_has_it_appends_nothing()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.Start(ChatChannel.Console, " Order 42 ", null));

        var takeover = transcript.Takeover("usr_agent");
        transcript.Apply(takeover!);

        Assert.Equal("Order 42", transcript.Row!.Title);
        Assert.Equal(TranscriptRole.System, Assert.Single(takeover!.Messages).Role);
        Assert.True(transcript.HumanHasIt);
        Assert.Null(transcript.Takeover("usr_agent"));
        Assert.NotNull(transcript.Takeover("usr_other"));
    }

    [Fact]
    public void Agent_reply_takes_over_first_and_keeps_its_own_id_space()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.AnsweredTurn(Turn("hi", "same-id"), Ava, "Hello!", [], false, 1));

        var change = transcript.AgentReply("usr_agent", "  I can help.  ", "same-id");
        transcript.Apply(change);

        Assert.Equal([TranscriptRole.System, TranscriptRole.Agent], change.Messages.Select(m => m.Role));
        Assert.Equal("I can help.", change.Messages[1].Text);
        Assert.Equal("usr_agent", change.Row.TakenOverBy);
        Assert.Equal(change.Messages[1], transcript.EarlierAgentMessage("same-id"));
        Assert.Equal(TranscriptRole.Visitor, transcript.EarlierTurn("same-id")!.Visitor.Role);
        Assert.Equal([TranscriptRole.Agent], transcript.AgentReply("usr_agent", "again", null).Messages.Select(m => m.Role));
    }

    [Fact]
    public void Release_hands_the_conversation_back_with_a_system_message()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.Start(ChatChannel.Console, null, null));
        transcript.Apply(transcript.Takeover("usr_agent")!);

        var release = transcript.Release();
        transcript.Apply(release);

        Assert.False(transcript.HumanHasIt);
        Assert.Null(transcript.Row!.TakenOverBy);
        Assert.Equal("The assistant is answering again.", transcript.Row.LastPreview);
    }

    [Fact]
    public void A_conversation_belongs_to_the_path_that_opened_it()
    {
        var transcript = NewTranscript();
        Assert.True(transcript.BelongsTo(ChatChannel.Public));

        transcript.Apply(transcript.AnsweredTurn(Turn("hi"), Ava, "Hello!", [], false, 1));

        Assert.True(transcript.BelongsTo(ChatChannel.Widget));
        Assert.False(transcript.BelongsTo(ChatChannel.Public));
        Assert.False(transcript.BelongsTo(ChatChannel.Console));
    }

    [Fact]
    public void Events_after_a_sequence_carry_the_current_status()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.AnsweredTurn(Turn("hi"), Ava, "Hello!", [], false, 1));
        transcript.Apply(transcript.Takeover("usr_agent")!);

        var events = transcript.EventsAfter(1);

        Assert.Equal([2L, 3L], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(ConversationStatus.Human, e.Status));
        Assert.All(events, e => Assert.Equal(Id, e.ConversationId));
    }

    [Fact]
    public void Preview_never_cuts_a_surrogate_pair_in_half()
    {
        var text = new string('a', Transcript.PreviewLength - 1) + "😀 and more";

        var preview = Transcript.Preview(text);

        Assert.Equal(new string('a', Transcript.PreviewLength - 1) + "…", preview);
        Assert.Equal("short", Transcript.Preview("short"));
    }
}
