namespace Bob.Grains.Assistant;

public sealed record AssistantRequest(
    string TenantId,
    PersonaProfile Persona,
    IReadOnlyList<ConversationTurn> History,
    string Message,
    KnowledgeIndex Knowledge,
    AssistantPolicy Policy);
