using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Conversations;

/// <summary>A conversation grain is keyed "<c>tenantId/conversationId</c>" (<see cref="GrainKeys"/>): the one place that key is made and read.</summary>
public static class ConversationGrains
{
    public static IConversationGrain GetConversation(this IGrainFactory grains, TenantId tenant, ConversationId conversation)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.Reference<IConversationGrain>(GrainKeys.Scoped(tenant, conversation.Value));
    }

    public static (TenantId Tenant, ConversationId Conversation) ParseKey(string key)
    {
        var (tenant, local) = GrainKeys.Parse(key);
        return (tenant, new ConversationId(local));
    }
}
