using Bob.Assistant;
using Bob.Assistant.Safety;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

/// <summary>
/// Decides what happens to a visitor's turn before anything is stored, in a fixed order: the message rule, the path
/// the conversation belongs to, the widget visitor's token, the tenant (public chat, suspension), the speaking persona, an idempotent replay,
/// a human's takeover, the credits; then the engine and its grounded request. Governance policies belong here.
/// Reads the tenant through <see cref="ITurnSources"/>, so a cache can sit behind it.
/// </summary>
public sealed class TurnAdmission(ITurnSources sources, IAssistantEngineSelector engines)
{
    public async Task<TurnOutcome> AdmitAsync(Transcript transcript, ChatTurn turn)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(turn);
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
        var settings = await sources.SettingsAsync(tenant);
        if (settings is { Suspended: true })
        {
            return new TurnOutcome.Refused(new Failure(FailureCodes.TenantSuspended, "This business's assistant is suspended."));
        }
        if (settings is null || (turn.Channel == ChatChannel.Public && !settings.PublicChat))
        {
            return new TurnOutcome.Refused(new Failure(FailureCodes.PublicChatDisabled, "This business does not answer public chat."));
        }
        var persona = await sources.SpeakerAsync(tenant, transcript.Row?.PersonaId);
        var speaker = new ChatPersona(persona.Id, StorableText.Clean(persona.Name));
        if (turn.ClientMessageId is { } clientMessageId && transcript.EarlierTurn(clientMessageId) is { } earlier)
        {
            return new TurnOutcome.Replayed(earlier.Reply(speaker, await sources.BalanceAsync(tenant)));
        }
        if (transcript.HumanHasIt)
        {
            return new TurnOutcome.SilentForHuman(speaker);
        }
        var request = new AssistantRequest(tenant.Value, new PersonaProfile(persona.Id, persona.Name, persona.Tone, persona.SystemPrompt),
            History(transcript), turn.Message.Trim(), await sources.KnowledgeAsync(tenant), AssistantPolicy.None);
        // Held last, so nothing after it can fail and strand the credit: from here the grain settles or frees it.
        var hold = await sources.HoldAsync(tenant, settings.CreditPolicy);
        if (!hold.Granted)
        {
            return new TurnOutcome.Refused(new Failure(FailureCodes.CreditsExhausted, "This business has used its AI credits for the month; a human can still help."));
        }
        return new TurnOutcome.Answer(speaker, request, engines.ForTenant(settings.AssistantEngine), hold, settings.CreditPolicy);
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
