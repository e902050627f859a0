using Bob.Assistant;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Webhooks;

namespace Bob.Grains.Conversations;

/// <summary>What <see cref="TurnAdmission"/> decided about a visitor's turn: a closed set, one case per path the grain takes.
/// A case that stores something carries the webhook event types the tenant's endpoints want, read with the turn's tenant.</summary>
public abstract record TurnOutcome
{
    private TurnOutcome()
    {
    }

    /// <summary>Refused before anything is stored (bad message, wrong path, public chat off, suspended, out of credits).</summary>
    public sealed record Refused(Failure Failure) : TurnOutcome;

    /// <summary>A retry of a turn already answered: the stored reply, answered again without storing or charging anything.</summary>
    public sealed record Replayed(ChatReply Reply) : TurnOutcome;

    /// <summary>A human agent has the conversation: the visitor's message is recorded and the assistant stays silent.</summary>
    /// <param name="Turn">The turn as it is stored (personal data masked when the tenant redacts).</param>
    public sealed record SilentForHuman(ChatPersona Persona, ChatTurn Turn, WebhookSubscriptions Webhooks) : TurnOutcome;

    /// <summary>The visitor's message holds one of the tenant's handoff keywords: recorded, and the conversation waits
    /// for a human, as when the visitor presses "talk to a human". No engine runs, nothing is charged.</summary>
    public sealed record HandedOff(ChatPersona Persona, ChatTurn Turn, WebhookSubscriptions Webhooks) : TurnOutcome;

    /// <summary>
    /// The assistant answers: this engine, with this request (a blocked topic is refused by the engine without a model),
    /// on the credits <see cref="Hold"/> holds under the tenant's <see cref="CreditPolicy"/>; the grain settles the hold
    /// once the answer is stored, or gives it back if none is. <see cref="Turn"/> is the turn as it is stored.
    /// </summary>
    public sealed record Answer(ChatPersona Persona, AssistantRequest Request, IAssistantEngine Engine, CreditHold Hold, string CreditPolicy, ChatTurn Turn,
        WebhookSubscriptions Webhooks) : TurnOutcome;
}
