using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Conversations;
using Bob.Grains.Insights;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Insights;

/// <summary>What each kind of change adds to the insights, on the in-memory transcript with a fake clock (exact times).</summary>
public sealed class TurnInsightsTests
{
    private static readonly ChatPersona Ava = new("per_ava", "Ava");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private Transcript NewTranscript() => new(new TenantId("acme"), new ConversationId("ses_unit"), null, [], _time);

    private static ChatTurn Turn(string message) => new(ChatChannel.Widget, message, null, null);

    private TurnInsight Commit(Transcript transcript, TranscriptChange change, TurnHint hint)
    {
        var insight = TurnInsights.For(transcript, change, hint);
        transcript.Apply(change);
        return insight!;
    }

    [Fact]
    public void A_grounded_first_answer_opens_the_conversation_and_is_timed_from_the_turns_receipt()
    {
        var transcript = NewTranscript();
        _time.Advance(TimeSpan.FromMilliseconds(1_234));

        var insight = Commit(transcript, transcript.AnsweredTurn(Turn("Do you ship?"), Ava, "Yes.", [new("kb_1", "Shipping")], false, 1), new TurnHint(Start, Engine: "builtin"));
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = Commit(transcript, transcript.AnsweredTurn(Turn("To Norway?"), Ava, "Yes.", [new("kb_1", "Shipping")], false, 1), new TurnHint(_time.GetUtcNow(), Engine: "builtin"));

        Assert.Equal(new TurnInsight(new TenantId("acme"), "ses_unit", Start.AddMilliseconds(1_234), true, true, true, null, null, 1_234), insight);
        Assert.Equal(new DateOnly(2026, 3, 1), insight.Day);
        Assert.False(second.OpensConversation);
        Assert.Null(second.FirstAnswerMs);
        Assert.True(second.Grounded);
    }

    [Fact]
    public void A_dont_know_answer_is_an_unanswered_question_and_a_handoff_without_a_grounded_answer_once()
    {
        var transcript = NewTranscript();

        var first = Commit(transcript, transcript.AnsweredTurn(Turn("How long is the Zorblax warranty?"), Ava, "I don't know.", [], true, 1), new TurnHint(Start, Engine: "builtin"));
        var again = Commit(transcript, transcript.AnsweredTurn(Turn("And the Zorblax kettle's?"), Ava, "I don't know.", [], true, 1), new TurnHint(Start, Engine: "builtin"));

        Assert.Equal(HandoffReason.NoGroundedAnswer, first.Handoff);
        Assert.Equal("long warranty zorblax", first.Unanswered!.Terms);
        Assert.Equal("How long is the Zorblax warranty?", first.Unanswered.Question);
        Assert.Equal(transcript.Messages[0].MessageId, first.Unanswered.MessageId);
        Assert.False(first.Grounded);
        Assert.Null(again.Handoff);
        Assert.NotNull(again.Unanswered);
    }

    [Fact]
    public void Asking_for_a_person_is_a_handoff_the_visitor_asked_for_not_an_unanswered_question()
    {
        var transcript = NewTranscript();

        var insight = Commit(transcript, transcript.AnsweredTurn(Turn("Can I talk to a person?"), Ava, "Connecting you.", [], true, 0), new TurnHint(Start, Engine: "builtin"));

        Assert.Equal(HandoffReason.VisitorAsked, insight.Handoff);
        Assert.Null(insight.Unanswered);
    }

    [Fact]
    public void A_hosted_answer_without_a_passage_is_unanswered_and_a_built_in_greeting_is_not()
    {
        var hosted = NewTranscript();
        var greeted = NewTranscript();

        var unanswered = Commit(hosted, hosted.AnsweredTurn(Turn("Which colours does the Zorblax come in?"), Ava, "Several.", [], false, 1), new TurnHint(Start, Engine: "hosted"));
        var greeting = Commit(greeted, greeted.AnsweredTurn(Turn("Hello there"), Ava, "Hi, I'm Ava.", [], false, 1), new TurnHint(Start, Engine: "builtin"));

        Assert.NotNull(unanswered.Unanswered);
        Assert.Null(unanswered.Handoff);
        Assert.Null(greeting.Unanswered);
        Assert.Null(greeting.Handoff);
    }

    [Fact]
    public void A_keyword_handoff_is_answered_first_by_the_agent_who_replies_and_the_takeover_is_not_counted_again()
    {
        var transcript = NewTranscript();
        var keyword = Commit(transcript, transcript.HandedOffTurn(Turn("I want a refund"), Ava, null), new TurnHint(Start, HandoffReason.Keyword));
        _time.Advance(TimeSpan.FromSeconds(90));

        var reply = Commit(transcript, transcript.AgentReply("usr_sam", "Hi, Sam here.", null), new TurnHint(_time.GetUtcNow()));

        Assert.Equal(HandoffReason.Keyword, keyword.Handoff);
        Assert.True(keyword.OpensConversation);
        Assert.False(keyword.Answered);
        Assert.Null(keyword.FirstAnswerMs);
        Assert.Null(reply.Handoff);
        Assert.Equal(90_000, reply.FirstAnswerMs);
    }

    [Fact]
    public void An_agent_taking_over_an_assistant_conversation_counts_as_a_takeover_and_releasing_it_adds_nothing()
    {
        var transcript = NewTranscript();
        Commit(transcript, transcript.AnsweredTurn(Turn("Hello"), Ava, "Hi!", [], false, 1), new TurnHint(Start, Engine: "builtin"));

        var takeover = Commit(transcript, transcript.Takeover("usr_sam")!, new TurnHint(Start));
        var release = TurnInsights.For(transcript, transcript.Release(), new TurnHint(Start));

        Assert.Equal(HandoffReason.AgentTookOver, takeover.Handoff);
        Assert.Null(takeover.FirstAnswerMs);
        Assert.Null(release);
    }

    [Fact]
    public void The_widgets_button_is_a_handoff_the_visitor_asked_for()
    {
        var transcript = NewTranscript();
        Commit(transcript, transcript.AnsweredTurn(Turn("Hello"), Ava, "Hi!", [], false, 1), new TurnHint(Start, Engine: "builtin"));
        var request = new HumanRequest(new VisitorAccess(null, false), null, null);

        var asked = Commit(transcript, transcript.RequestHuman(request, null)!, new TurnHint(Start, HandoffReason.VisitorAsked));

        Assert.Equal(HandoffReason.VisitorAsked, asked.Handoff);
    }
}
