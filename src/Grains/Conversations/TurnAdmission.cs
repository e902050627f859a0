using Bob.Assistant;
using Bob.Assistant.Safety;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Telemetry;
using Bob.Assistant.Retrieval;

namespace Bob.Grains.Conversations;

/// <summary>
/// Decides what happens to a visitor's turn before anything is stored, in a fixed order: the message rule, the path
/// the conversation belongs to, the widget visitor's token, the tenant (public chat, suspension), the visitor's text as
/// governance allows it to be kept (personal data masked: the one place a visitor's words enter a conversation), the speaking
/// persona, an idempotent replay, a human's takeover, a handoff keyword, a blocked topic, the credits; then the engine and its
/// grounded request. Reads the tenant through <see cref="ITurnSources"/>, so a cache can sit behind it.
/// </summary>
public sealed class TurnAdmission(ITurnSources sources, IAssistantEngineSelector engines, GrainMetrics metrics, ConversationCaps caps)
{
    /// <summary>The conversation's caps, for a visitor's message that arrives another way (asking for a human).</summary>
    public ConversationCaps Caps => caps;

    /// <summary>A visitor's text as it may be stored, logged, shown and sent to a model under <paramref name="guardrails"/>.</summary>
    public static string Governed(string text, Guardrails guardrails)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(guardrails);
        return guardrails.PiiRedaction ? PiiRedactor.Redact(text) : text;
    }

    /// <summary>The text of a visitor's request for a human, governed like a turn's.</summary>
    public static async Task<string?> GovernedAsync(ITurnTenant tenant, string? text)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return text is null ? null : Governed(text, await tenant.GuardrailsAsync());
    }

    public async Task<TurnOutcome> AdmitAsync(Transcript transcript, ChatTurn turn)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(turn);
        metrics.TurnTaken();
        if (ChatMessageRule.Check(turn.Message) is { } invalid)
        {
            return new TurnOutcome.Refused(invalid);
        }
        if (!transcript.BelongsTo(turn.Channel))
        {
            return new TurnOutcome.Refused(Failure.NotFound("Conversation"));
        }
        if (transcript.VisitorRefusal(turn.Visitor) is { } notTheVisitors)
        {
            return new TurnOutcome.Refused(notTheVisitors);
        }
        var tenant = transcript.Tenant;
        var current = await sources.TenantAsync(tenant, turn.Tenant);
        var settings = current?.Settings;
        if (settings is { Suspended: true })
        {
            return new TurnOutcome.Refused(new Failure(FailureCodes.TenantSuspended, "This business's assistant is suspended."));
        }
        if (current is null || settings is null)
        {
            return new TurnOutcome.Refused(turn.Channel == ChatChannel.Public
                ? new Failure(FailureCodes.UnknownBusiness, "No business has this business_id.")
                : new Failure(FailureCodes.PublicChatDisabled, "This business does not answer public chat."));
        }
        if (turn.Channel == ChatChannel.Public && !settings.PublicChat)
        {
            return new TurnOutcome.Refused(new Failure(FailureCodes.PublicChatDisabled, "This business does not answer public chat."));
        }
        var guardrails = await current.GuardrailsAsync();
        turn = turn with { Message = Governed(turn.Message, guardrails) };
        var persona = await current.SpeakerAsync(transcript.Row?.PersonaId);
        var speaker = new ChatPersona(persona.Id, StorableText.Clean(persona.Name));
        if (turn.ClientMessageId is { } clientMessageId && transcript.EarlierTurn(clientMessageId) is { } earlier)
        {
            return new TurnOutcome.Replayed(earlier.Reply(speaker, await sources.BalanceAsync(tenant)));
        }
        if (caps.Refusal(transcript, turn.Channel, turn.Message) is { } full)
        {
            return new TurnOutcome.Refused(full);
        }
        var webhooks = await current.WebhookSubscriptionsAsync();
        if (transcript.HumanHasIt)
        {
            return new TurnOutcome.SilentForHuman(speaker, turn, webhooks);
        }
        if (TopicMatcher.MentionsAny(turn.Message, guardrails.HandoffKeywords))
        {
            metrics.GuardrailTriggered(GrainMetrics.HandoffKeyword);
            return new TurnOutcome.HandedOff(speaker, turn, webhooks);
        }
        // A blocked topic is refused by the engine before any model (0 credits), so even at zero credits: it holds nothing.
        var blocked = TopicMatcher.MentionsAny(turn.Message, guardrails.BlockedTopics);
        if (blocked)
        {
            metrics.GuardrailTriggered(GrainMetrics.BlockedTopic);
        }
        var request = new AssistantRequest(tenant.Value, new PersonaProfile(persona.Id, persona.Name, persona.Tone, persona.SystemPrompt),
            History(transcript), turn.Message.Trim(), blocked ? KnowledgeIndex.Empty : await current.KnowledgeAsync(),
            new AssistantPolicy(guardrails.BlockedTopics, []));
        // Held last, so nothing after it can fail and strand the credit: from here the grain settles or frees it.
        var hold = blocked ? new CreditHold(0, await sources.BalanceAsync(tenant)) : await sources.HoldAsync(tenant, settings.CreditPolicy);
        if (!blocked && !hold.Granted)
        {
            return new TurnOutcome.Refused(new Failure(FailureCodes.CreditsExhausted, "This business has used its AI credits for the month; a human can still help."));
        }
        return new TurnOutcome.Answer(speaker, request, engines.ForTenant(settings.AssistantEngine), hold, settings.CreditPolicy, turn, webhooks);
    }

    private static List<ConversationTurn> History(Transcript transcript) =>
        [.. transcript.Messages.TakeLast(ChatLimits.HistoryTurns).Select(m => new ConversationTurn(m.Role switch
        {
            TranscriptRole.Visitor => TurnRole.Visitor,
            TranscriptRole.Assistant => TurnRole.Assistant,
            TranscriptRole.Agent => TurnRole.Agent,
            _ => TurnRole.System,
        }, m.Text))];
}
