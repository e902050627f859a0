namespace Bob.Grains.Abstractions.Conversations;

/// <summary>A signed-in visitor's conversations (keyed 0, stateless): read straight from the per-user index.</summary>
[Alias("bob.IVisitorConversationsGrain")]
public interface IVisitorConversationsGrain : IGrainWithIntegerKey
{
    /// <summary>The visitor's widget conversations of this tenant, most recently active first, at most <paramref name="limit"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<VisitorConversation>> ListAsync(Common.TenantId tenant, string userId, int limit);
}
