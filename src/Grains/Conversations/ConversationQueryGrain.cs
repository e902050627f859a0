using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Orleans.Concurrency;

namespace Bob.Grains.Conversations;

[StatelessWorker]
public sealed class ConversationQueryGrain(TranscriptStore store) : Grain, IConversationQueryGrain
{
    public Task<ConversationPage> ListAsync(TenantId tenant, ConversationQuery query) =>
        store.ListAsync(tenant, query with { Page = Math.Max(1, query.Page), PageSize = Math.Clamp(query.PageSize, 1, 100) });
}
