using Bob.Assistant.Retrieval;

namespace Bob.Assistant;

/// <summary>What the engine knows about the turn, handed to clients typed so they need not parse the prompt.</summary>
/// <param name="RetrievalContext">Earlier visitor text the retrieval query was widened with (empty when the message stands alone).</param>
public sealed record AssistantGrounding(
    PersonaProfile Persona,
    ToneStyle Tone,
    IReadOnlyList<RetrievedPassage> Passages,
    IReadOnlyList<ConversationTurn> History,
    string Message,
    string RetrievalContext);
