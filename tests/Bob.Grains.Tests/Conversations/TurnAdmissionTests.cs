using Bob.Assistant;
using Bob.Assistant.BuiltIn;
using Bob.Assistant.Retrieval;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Conversations;
using Bob.Grains.Webhooks;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Telemetry;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Conversations;

/// <summary>Turn admission over in-memory sources: every outcome, and the order its checks run in.</summary>
public sealed class TurnAdmissionTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly ChatPersona Ava = new("per_ava", "Ava");

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryTurnSources _sources = new();
    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    private readonly TurnAdmission _admission;

    public TurnAdmissionTests()
    {
        var builtIn = new AssistantEngine(new BuiltInChatClient());
        _admission = new TurnAdmission(_sources, new AssistantEngineSelector(builtIn, hosted: null, platformDefault: null), new GrainMetrics(_meters),
            new ConversationCaps(Microsoft.Extensions.Options.Options.Create(new ConversationCapOptions())));
    }

    [Fact]
    public async Task Every_turn_the_silo_takes_in_counts_once_on_its_turn_counter_whatever_its_outcome()
    {
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "bob.conversation.turns" && instrument.Meter.Scope == _meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        await _admission.AdmitAsync(NewTranscript(), Turn("How long does delivery take?"));
        await _admission.AdmitAsync(NewTranscript(), Turn(new string('x', ChatLimits.MessageMax + 1)));

        Assert.Equal(2, counted);
    }

    private Transcript NewTranscript() => new(Tenant, new ConversationId("ses_admit"), null, [], _time);

    /// <summary>The visitor token these tests' conversations were opened with; every turn sends it, as a widget does.</summary>
    private static readonly string VisitorToken = VisitorTokens.New();

    private static ChatTurn Turn(string message, ChatChannel channel = ChatChannel.Widget, string? clientMessageId = null) =>
        new(channel, message, clientMessageId, null, new VisitorAccess(VisitorToken, false));

    [Fact]
    public async Task A_valid_turn_is_answered_by_the_tenants_engine_with_a_grounded_request()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.AnsweredTurn(Turn("earlier question"), Ava, "earlier answer", [], false, 1, VisitorToken));

        var outcome = await _admission.AdmitAsync(transcript, Turn("  How long does delivery take?  "));

        var answer = Assert.IsType<TurnOutcome.Answer>(outcome);
        Assert.Equal(Ava, answer.Persona);
        Assert.Equal("How long does delivery take?", answer.Request.Message);
        Assert.Equal("formal", answer.Request.Persona.Tone);
        Assert.Equal([TurnRole.Visitor, TurnRole.Assistant], answer.Request.History.Select(t => t.Role));
        Assert.Same(_sources.Knowledge, answer.Request.Knowledge);
        Assert.Equal(AssistantEngineNames.BuiltIn, (await answer.Engine.ReplyAsync(answer.Request, CancellationToken.None)).Engine);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_message_is_refused_before_the_tenant_is_asked(string message)
    {
        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn(message));

        Assert.Equal(FailureCodes.ValidationFailed, Assert.IsType<TurnOutcome.Refused>(outcome).Failure.Code);
        Assert.Equal(0, _sources.Calls);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused()
    {
        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn(new string('x', ChatLimits.MessageMax + 1)));

        Assert.Equal(FailureCodes.ValidationFailed, Assert.IsType<TurnOutcome.Refused>(outcome).Failure.Code);
    }

    [Fact]
    public async Task A_server_minted_widget_conversation_refuses_a_turn_without_its_visitor_token_before_the_tenant_is_asked()
    {
        var transcript = NewTranscript();
        var token = VisitorTokens.New();
        transcript.Apply(transcript.AnsweredTurn(Turn("hi") with { Visitor = new VisitorAccess(null, ServerMinted: true) }, Ava, "Hello!", [], false, 1, token));

        var withoutToken = await _admission.AdmitAsync(transcript, Turn("it's me") with { Visitor = null });
        var withToken = await _admission.AdmitAsync(transcript, Turn("it's me") with { Visitor = new VisitorAccess(token, false) });

        Assert.Equal(FailureCodes.VisitorTokenRequired, Assert.IsType<TurnOutcome.Refused>(withoutToken).Failure.Code);
        Assert.IsType<TurnOutcome.Answer>(withToken);
    }

    [Fact]
    public async Task A_conversation_waiting_for_a_human_keeps_the_assistant_silent()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.AnsweredTurn(Turn("hi"), Ava, "Hello!", [], false, 1, VisitorToken));
        transcript.Apply(transcript.RequestHuman(new HumanRequest(new VisitorAccess(null, false), null, null), null)!);

        var outcome = await _admission.AdmitAsync(transcript, Turn("anyone there?"));

        Assert.IsType<TurnOutcome.SilentForHuman>(outcome);
    }

    [Fact]
    public async Task A_conversation_is_not_found_from_another_path()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.AnsweredTurn(Turn("hi"), Ava, "Hello!", [], false, 1, VisitorToken));

        var outcome = await _admission.AdmitAsync(transcript, Turn("hi again", ChatChannel.Public));

        Assert.Equal(FailureCodes.NotFound, Assert.IsType<TurnOutcome.Refused>(outcome).Failure.Code);
        Assert.Equal(0, _sources.Calls);
    }

    [Fact]
    public async Task Public_chat_is_refused_when_the_tenant_turned_it_off_or_does_not_exist()
    {
        _sources.Settings = new TenantSettings(PublicChat: false, Suspended: false, AssistantEngine: null, CreditPolicy: CreditPolicies.HardStop);
        var off = await _admission.AdmitAsync(NewTranscript(), Turn("hi", ChatChannel.Public));
        var widget = await _admission.AdmitAsync(NewTranscript(), Turn("hi", ChatChannel.Widget));
        _sources.Settings = null;
        var missing = await _admission.AdmitAsync(NewTranscript(), Turn("hi", ChatChannel.Widget));

        Assert.Equal(FailureCodes.PublicChatDisabled, Assert.IsType<TurnOutcome.Refused>(off).Failure.Code);
        Assert.IsType<TurnOutcome.Answer>(widget);
        Assert.Equal(FailureCodes.PublicChatDisabled, Assert.IsType<TurnOutcome.Refused>(missing).Failure.Code);
    }

    [Fact]
    public async Task A_suspended_tenant_is_refused()
    {
        _sources.Settings = _sources.Settings! with { Suspended = true };

        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn("hi"));

        Assert.Equal(FailureCodes.TenantSuspended, Assert.IsType<TurnOutcome.Refused>(outcome).Failure.Code);
    }

    [Fact]
    public async Task A_retried_turn_is_replayed_even_without_credits_left()
    {
        var transcript = NewTranscript();
        var first = transcript.AnsweredTurn(Turn("hi", clientMessageId: "c-1"), Ava, "Hello!", [], false, 1, VisitorToken);
        transcript.Apply(first);
        _sources.Credits = new ChatCredits(100, 0);

        var outcome = await _admission.AdmitAsync(transcript, Turn("hi", clientMessageId: "c-1"));

        var replayed = Assert.IsType<TurnOutcome.Replayed>(outcome);
        Assert.Equal(first.Messages[1].MessageId, replayed.Reply.MessageId);
        Assert.Equal(new ChatCredits(100, 0), replayed.Reply.Credits);
    }

    [Fact]
    public async Task A_taken_over_conversation_stays_silent_even_without_credits_left()
    {
        var transcript = NewTranscript();
        transcript.Apply(transcript.Start(ChatChannel.Console, null, "per_ava"));
        transcript.Apply(transcript.Takeover("usr_agent")!);
        _sources.Credits = new ChatCredits(100, 0);

        var outcome = await _admission.AdmitAsync(transcript, Turn("anyone?", ChatChannel.Console));

        Assert.Equal(Ava, Assert.IsType<TurnOutcome.SilentForHuman>(outcome).Persona);
        Assert.Equal("per_ava", _sources.AskedPersonaId);
    }

    [Fact]
    public async Task Without_credits_left_the_assistant_is_refused()
    {
        _sources.Credits = new ChatCredits(100, 0);

        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn("hi"));

        Assert.Equal(FailureCodes.CreditsExhausted, Assert.IsType<TurnOutcome.Refused>(outcome).Failure.Code);
    }

    [Fact]
    public async Task Without_credits_left_an_overage_tenant_is_still_answered_on_a_held_credit()
    {
        _sources.Credits = new ChatCredits(100, 0);
        _sources.Settings = _sources.Settings! with { CreditPolicy = CreditPolicies.Overage };

        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn("hi"));

        var answer = Assert.IsType<TurnOutcome.Answer>(outcome);
        Assert.Equal(1, answer.Hold.Held);
        Assert.Equal(CreditPolicies.Overage, answer.CreditPolicy);
    }

    [Fact]
    public async Task With_redaction_on_the_turn_goes_on_with_personal_data_masked_and_the_model_request_too()
    {
        _sources.Guardrails = new Guardrails([], true, []);

        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn("mail me at sam@example.com about card 4111 1111 1111 1111"));

        var answer = Assert.IsType<TurnOutcome.Answer>(outcome);
        Assert.Equal("mail me at [email] about card [card]", answer.Turn.Message);
        Assert.Equal("mail me at [email] about card [card]", answer.Request.Message);
    }

    [Fact]
    public async Task With_redaction_off_the_text_is_kept_as_written()
    {
        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn("mail me at sam@example.com"));

        Assert.Equal("mail me at sam@example.com", Assert.IsType<TurnOutcome.Answer>(outcome).Turn.Message);
    }

    [Fact]
    public async Task A_handoff_keyword_hands_the_turn_to_a_human_even_without_credits()
    {
        _sources.Guardrails = new Guardrails([], false, ["refund"]);
        _sources.Credits = new ChatCredits(100, 0);

        var outcome = await _admission.AdmitAsync(NewTranscript(), Turn("I want a Refund now"));

        Assert.Equal(Ava, Assert.IsType<TurnOutcome.HandedOff>(outcome).Persona);
    }

    [Fact]
    public async Task A_blocked_topic_is_refused_by_the_engine_without_a_model_or_a_credit_even_at_zero_credits()
    {
        _sources.Guardrails = new Guardrails(["politics"], false, []);
        _sources.Credits = new ChatCredits(100, 0);

        var answer = Assert.IsType<TurnOutcome.Answer>(await _admission.AdmitAsync(NewTranscript(), Turn("What about politics today?")));
        var reply = await answer.Engine.ReplyAsync(answer.Request, CancellationToken.None);

        Assert.Equal(0, reply.CreditsCost);
        Assert.Empty(reply.Citations);
        Assert.Contains("politics", answer.Request.Policy.BlockedTopics);
    }
}
