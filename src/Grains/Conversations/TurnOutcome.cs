using Bob.Assistant;
using Bob.Grains.Abstractions.Chat;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Conversations;

/// <summary>What <see cref="TurnAdmission"/> decided about a visitor's turn: a closed set, one case per path the grain takes.</summary>
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
    public sealed record SilentForHuman(ChatPersona Persona) : TurnOutcome;

    /// <summary>
    /// The assistant answers: this engine, with this request, on the credits <see cref="Hold"/> holds under the tenant's
    /// <see cref="CreditPolicy"/>; the grain settles the hold once the answer is stored, or gives it back if none is.
    /// </summary>
    public sealed record Answer(ChatPersona Persona, AssistantRequest Request, IAssistantEngine Engine, CreditHold Hold, string CreditPolicy) : TurnOutcome;
}
