using Bob.Assistant.Retrieval;
using Bob.Assistant.Safety;

namespace Bob.Assistant;

public sealed record AssistantRequest(
    string TenantId,
    PersonaProfile Persona,
    IReadOnlyList<ConversationTurn> History,
    string Message,
    KnowledgeIndex Knowledge,
    AssistantPolicy Policy);
