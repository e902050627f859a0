using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;
using Bob.Testing;

namespace Bob.Grains.Tests.Conversations;

/// <summary>Mission Control's feed gets every message of turns answered at once, batched by the silo, in each conversation's order.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantFeedTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Turns_answered_at_once_reach_the_tenant_feed_complete_and_in_each_conversations_order()
    {
        var tenant = new TenantId($"feed-{Guid.NewGuid():N}"[..20]);
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Feed Co", Plans.Starter, PublicChat: false)));
        var feed = fixture.Grains.GetGrain<ITenantFeedGrain>(tenant);
        await SendAsync(fixture.Grains.GetConversation(tenant, new ConversationId("first")));
        var start = await Eventually.ReturnsAsync(feed.LatestSequenceAsync, s => s == 2);

        const int conversations = 8;
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async i =>
        {
            var conversation = fixture.Grains.GetConversation(tenant, new ConversationId($"at-once-{i}"));
            await SendAsync(conversation);
            await SendAsync(conversation);
        }));

        await Eventually.ReturnsAsync(feed.LatestSequenceAsync, s => s == start + conversations * 4);
        var events = await feed.WaitForEventsAsync(start, TimeSpan.FromSeconds(5));
        Assert.Equal(conversations * 4, events.Count);
        Assert.Equal(Enumerable.Range((int)start + 1, conversations * 4).Select(n => (long)n), events.Select(e => e.Sequence));
        Assert.All(events.GroupBy(e => e.ConversationId), conversation =>
            Assert.Equal([1, 2, 3, 4], conversation.Select(e => e.Message!.Seq)));
    }

    private static async Task SendAsync(IConversationGrain conversation)
    {
        var reply = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "Do you ship abroad?", null, null, TestVisitor.Access));
        Assert.True(reply.IsSuccess, reply.Failure?.Detail);
    }
}
