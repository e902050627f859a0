using System.Text.Json.Nodes;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;
using Bob.Grains.Conversations;
using Bob.Grains.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Webhooks;

/// <summary>Which events a transcript change raises, and that their bodies are made of the stored message objects.</summary>
public sealed class ConversationEventsTests
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly ConversationId Id = new("ses_events");
    private static readonly ChatPersona Ava = new("per_ava", "Ava");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_first_turn_raises_conversation_started_and_one_message_created_per_stored_message()
    {
        var transcript = new Transcript(Tenant, Id, null, [], _time);
        var change = transcript.AnsweredTurn(new ChatTurn(ChatChannel.Widget, "Hi there", "c-1", null), Ava, "Hello!", [new("kb_1", "Hours")], handoff: false, credits: 1);

        var events = ConversationWebhookEvents.For(Tenant, Id, transcript.Row, change);

        Assert.Equal(["conversation.started", "message.created", "message.created"], events.Select(e => e.Type));
        var messages = events.Skip(1).Select(e => JsonNode.Parse(e.Payload)!).ToList();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("message.created", messages[i]["type"]!.GetValue<string>());
            Assert.Equal(change.Messages[i].MessageId, messages[i]["data"]!["message_id"]!.GetValue<string>());
            Assert.Equal(change.Messages[i].Text, messages[i]["data"]!["text"]!.GetValue<string>());
            Assert.Equal("ses_events", messages[i]["data"]!["session_id"]!.GetValue<string>());
        }
        Assert.Equal("kb_1", messages[1]["data"]!["citations"]![0]!["id"]!.GetValue<string>());
        Assert.All(events, e => Assert.StartsWith(IdPrefixes.WebhookEvent, e.EventId, StringComparison.Ordinal));
        Assert.Equal(3, events.Select(e => e.EventId).Distinct().Count());
        Assert.Equal(_time.GetUtcNow(), JsonNode.Parse(events[0].Payload)!["timestamp"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public void An_assistant_handoff_and_a_visitor_asking_for_a_human_raise_handoff_requested_once()
    {
        var transcript = new Transcript(Tenant, Id, null, [], _time);
        var first = transcript.AnsweredTurn(new ChatTurn(ChatChannel.Widget, "Can I return a used sofa?", null, null), Ava, "I am not sure; a person can help.", [], handoff: true, credits: 0);
        var offered = ConversationWebhookEvents.For(Tenant, Id, transcript.Row, first);
        transcript.Apply(first);
        var asked = transcript.RequestHuman(new HumanRequest(new VisitorAccess(null, false), "Please, a person", null), null)!;
        var requested = ConversationWebhookEvents.For(Tenant, Id, transcript.Row, asked);
        transcript.Apply(asked);
        var again = transcript.RequestHuman(new HumanRequest(new VisitorAccess(null, false), "Still there?", null), null)!;
        var repeated = ConversationWebhookEvents.For(Tenant, Id, transcript.Row, again);

        var offer = JsonNode.Parse(Assert.Single(offered, e => e.Type == "handoff.requested").Payload)!["data"]!;
        Assert.Equal("assistant", offer["reason"]!.GetValue<string>());
        Assert.Equal(first.Messages[1].MessageId, offer["message_id"]!.GetValue<string>());
        var visitor = JsonNode.Parse(Assert.Single(requested, e => e.Type == "handoff.requested").Payload)!["data"]!;
        Assert.Equal("visitor", visitor["reason"]!.GetValue<string>());
        Assert.Equal("waiting", visitor["status"]!.GetValue<string>());
        Assert.DoesNotContain(requested, e => e.Type == "conversation.started");
        Assert.DoesNotContain(repeated, e => e.Type == "handoff.requested");
    }

    [Fact]
    public void A_change_raises_only_the_event_types_some_endpoint_subscribes_and_none_without_subscriptions()
    {
        var transcript = new Transcript(Tenant, Id, null, [], _time);
        var change = transcript.AnsweredTurn(new ChatTurn(ChatChannel.Widget, "A person please", null, null), Ava, "Someone will help.", [], handoff: true, credits: 0);

        Assert.Empty(ConversationWebhookEvents.For(Tenant, Id, transcript.Row, change, WebhookSubscriptions.None));
        Assert.Equal(["handoff.requested"], ConversationWebhookEvents.For(Tenant, Id, transcript.Row, change, new WebhookSubscriptions(["handoff.requested", "persona.updated"])).Select(e => e.Type));
        Assert.Equal(["conversation.started", "message.created", "message.created", "handoff.requested"],
            ConversationWebhookEvents.For(Tenant, Id, transcript.Row, change, new WebhookSubscriptions(WebhookEventTypes.All)).Select(e => e.Type));
        Assert.Equal(ConversationWebhookEvents.For(Tenant, Id, transcript.Row, change).Select(e => e.Type),
            ConversationWebhookEvents.For(Tenant, Id, transcript.Row, change, new WebhookSubscriptions(WebhookEventTypes.All)).Select(e => e.Type));
    }

    [Fact]
    public void A_credits_threshold_event_has_one_id_per_tenant_period_and_threshold()
    {
        var period = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        var first = WebhookPayloads.CreditsThreshold(Tenant, 80, 15000, 12000, period, period.AddMonths(1), _time.GetUtcNow());
        var again = WebhookPayloads.CreditsThreshold(Tenant, 80, 15000, 12001, period, period.AddMonths(1), _time.GetUtcNow());
        var full = WebhookPayloads.CreditsThreshold(Tenant, 100, 15000, 15000, period, period.AddMonths(1), _time.GetUtcNow());
        var nextMonth = WebhookPayloads.CreditsThreshold(Tenant, 80, 15000, 12000, period.AddMonths(1), period.AddMonths(2), _time.GetUtcNow());

        Assert.Equal(first.EventId, again.EventId);
        Assert.NotEqual(first.EventId, full.EventId);
        Assert.NotEqual(first.EventId, nextMonth.EventId);
        Assert.True(Ids.IsValid(first.EventId));
        Assert.Equal(80, JsonNode.Parse(first.Payload)!["data"]!["threshold_percent"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(1000, 0, 799, new int[0])]
    [InlineData(1000, 799, 800, new[] { 80 })]
    [InlineData(1000, 800, 999, new int[0])]
    [InlineData(1000, 700, 1000, new[] { 80, 100 })]
    [InlineData(1000, 1000, 1200, new int[0])]
    [InlineData(0, 0, 50, new int[0])]
    public void A_charge_raises_only_the_thresholds_it_reaches(int included, int before, int after, int[] expected) =>
        Assert.Equal(expected, CreditThresholds.Reached(included, before, after));

    [Fact]
    public void A_meter_reading_its_period_afresh_raises_every_threshold_already_reached() =>
        Assert.Equal([80], CreditThresholds.Reached(1000, null, 850));
}
