using Bob.Assistant.Safety;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Web.Auth;
using Bob.Web.Runtime;
using Bob.Web.Http;

namespace Bob.Web.Features.Conversations;

/// <summary>
/// Which guardrails acted on one turn: personal data masked before it was stored, a blocked topic refused without a model,
/// a handoff keyword, and whether the conversation now waits for a human (a keyword or the assistant's own handoff).
/// </summary>
public sealed record TurnGuardrails(bool PiiMasked, bool BlockedTopic, bool HandoffKeyword, bool Handoff)
{
    public bool Any => PiiMasked || BlockedTopic || HandoffKeyword || Handoff;
}

/// <summary>One playground turn as the page shows it: the reply and the guardrails that acted on it.</summary>
public sealed record PlaygroundTurn(ChatReply Reply, TurnGuardrails Guardrails);

/// <summary>
/// The portal's Playground: a console conversation (path 3, as <c>POST /api/chat/session</c> and <c>POST /api/chat/message</c>
/// make it: metered, and listed in Mission Control), with the guardrails each turn met worked out from the tenant's
/// guardrails by the same matchers the turn's admission uses.
/// </summary>
public static class PlaygroundActions
{
    public const string TitlePrefix = "Playground";

    public static Failure NotFound { get; } = Failure.NotFound("Conversation");

    public static async Task<Result<ConversationView>> StartAsync(IClusterClient cluster, Caller caller, string? personaId)
    {
        if (personaId is not null && (!Ids.IsValid(personaId) || await cluster.GetGrain<Grains.Abstractions.Personas.IPersonaCatalogGrain>(caller.Tenant).GetAsync(personaId) is null))
        {
            return Failure.Validation("persona_id", "persona_id must name one of your personas.");
        }
        var speaker = await cluster.GetGrain<Grains.Abstractions.Personas.IPersonaCatalogGrain>(caller.Tenant).GetSpeakerAsync(personaId);
        return await cluster.GetConversation(caller.Tenant, ConversationId.New())
            .StartAsync(ChatChannel.Console, speaker.Id, $"{TitlePrefix} · {speaker.Name}", caller.UserId);
    }

    /// <returns>null when this tenant has no console conversation of that id.</returns>
    public static async Task<ConversationView?> GetAsync(IClusterClient cluster, Caller caller, string id) =>
        Ids.IsValid(id) && await cluster.GetConversation(caller.Tenant, new ConversationId(id)).GetAsync() is { Channel: ChatChannel.Console } view ? view : null;

    public static async Task<Result<PlaygroundTurn>> SendAsync(IClusterClient cluster, SiloLossGuard guard, Caller caller, string id, string? message, string? clientMessageId)
    {
        var invalid = new Fields()
            .Required(ChatMessageRule.Field, message)
            .Check(ChatMessageRule.IsValid(message), ChatMessageRule.Field, ChatMessageRule.Requirement)
            .OptionalId("client_message_id", clientMessageId)
            .Failure;
        if (invalid is not null)
        {
            return invalid;
        }
        if (await GetAsync(cluster, caller, id) is null)
        {
            return NotFound;
        }
        var conversation = cluster.GetConversation(caller.Tenant, new ConversationId(id));
        var turn = new ChatTurn(ChatChannel.Console, message!, clientMessageId, caller.UserId);
        var sent = await guard.CallAsync(() => conversation.SendAsync(turn), repeatable: clientMessageId is not null);
        if (!sent.IsSuccess)
        {
            return sent.Failure!;
        }
        var guardrails = await cluster.GetGrain<IGovernanceGrain>(caller.Tenant.Value).GetGuardrailsAsync();
        return new PlaygroundTurn(sent.Value!, GuardrailsOf(message!, guardrails, sent.Value!.Handoff));
    }

    /// <summary>The turn's guardrails, in the order admission applies them: the text is masked first and matched after.</summary>
    public static TurnGuardrails GuardrailsOf(string message, Guardrails guardrails, bool handoff)
    {
        ArgumentNullException.ThrowIfNull(guardrails);
        var governed = guardrails.PiiRedaction ? PiiRedactor.Redact(message) : message;
        var keyword = TopicMatcher.MentionsAny(governed, guardrails.HandoffKeywords);
        return new TurnGuardrails(
            PiiMasked: governed != message,
            BlockedTopic: !keyword && TopicMatcher.MentionsAny(governed, guardrails.BlockedTopics),
            HandoffKeyword: keyword,
            Handoff: handoff);
    }
}
