namespace Bob.Grains.Abstractions.Conversations;

/// <summary>Lists a tenant's conversations (filters, search, pages) straight from the transcript store. Stateless; use key 0.</summary>
[Alias("bob.IConversationQueryGrain")]
public interface IConversationQueryGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<ConversationPage> ListAsync(Common.TenantId tenant, ConversationQuery query);
}
