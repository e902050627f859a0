using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;

namespace Bob.Grains.Tests.Conversations;

/// <summary>
/// A streamed turn whose reader goes away (its web node is killed, or it stops reading) must not hold the
/// conversation: the turn runs to its end on its own, and the next turn is answered at once instead of waiting out
/// the turn lock (25 s, then 503). Orleans never disposes a grain enumerator whose caller died while it sat at a yield.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AbandonedStreamTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_streamed_turn_whose_reader_vanished_after_its_first_item_does_not_block_the_next_turn()
    {
        var conversation = await NewConversationAsync("vanished");
        var abandoned = conversation.StreamAsync(new ChatTurn(ChatChannel.Widget, "Do you ship to Norway?", "streamed-1", null, TestVisitor.Access)).GetAsyncEnumerator();
        Assert.True(await abandoned.MoveNextAsync());
        // The reader is gone: no further item is asked for and nothing is disposed, as when its web node is killed.

        var next = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "And how long does it take?", "after-1", null, TestVisitor.Access));

        Assert.True(next.IsSuccess, next.Failure?.Detail);
        var view = await conversation.GetAsync();
        Assert.NotNull(view);
        Assert.Equal(
            ["Do you ship to Norway?", "And how long does it take?"],
            view.Messages.Where(m => m.Role == TranscriptRole.Visitor).Select(m => m.Text));
        Assert.Equal(2, view.Messages.Count(m => m.Role == TranscriptRole.Assistant));
        await abandoned.DisposeAsync();
    }

    [Fact]
    public async Task A_stream_closed_mid_turn_still_stores_its_answer_once_and_a_retry_replays_it()
    {
        var conversation = await NewConversationAsync("closed");
        var turn = new ChatTurn(ChatChannel.Widget, "Do you ship to Norway?", "streamed-2", null, TestVisitor.Access);
        var closed = conversation.StreamAsync(turn).GetAsyncEnumerator();
        Assert.True(await closed.MoveNextAsync());
        await closed.DisposeAsync();

        var retry = await conversation.SendAsync(turn);
        var next = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "Thanks!", "after-2", null, TestVisitor.Access));

        Assert.True(retry.IsSuccess, retry.Failure?.Detail);
        Assert.True(next.IsSuccess, next.Failure?.Detail);
        var view = await conversation.GetAsync();
        Assert.NotNull(view);
        var answers = view.Messages.Where(m => m.Role == TranscriptRole.Assistant).ToList();
        Assert.Equal(2, answers.Count);
        Assert.Equal(retry.Value!.MessageId, answers[0].MessageId);
        Assert.Equal(["Do you ship to Norway?", "Thanks!"], view.Messages.Where(m => m.Role == TranscriptRole.Visitor).Select(m => m.Text));
    }

    private async Task<IConversationGrain> NewConversationAsync(string name)
    {
        var tenant = new TenantId($"abandon-{Guid.NewGuid():N}"[..20]);
        Assert.True(await fixture.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new TenantCreation("Abandoned Stream Co", Plans.Starter, PublicChat: false)));
        return fixture.Grains.GetConversation(tenant, new ConversationId(name));
    }
}
