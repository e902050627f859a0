using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;
using Npgsql;

namespace Bob.Grains.Tests.Conversations;

/// <summary>A conversation survives a full cluster restart mid-way. Owns its clusters, because it stops them.</summary>
public sealed class ConversationRestartTests
{
    [Fact]
    public async Task Conversation_continues_after_a_full_cluster_restart_with_seq_1_to_6_in_the_database()
    {
        var first = new ClusterFixture();
        await first.InitializeAsync();
        var signup = (await first.Grains.GetGrain<IAccountsGrain>(0).SignupAsync(
            new SignupRequest("Restart Chat Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", "https://shop.example.com"))).Value!;
        var tenant = new TenantId(signup.Tenant.Id);
        var key = GrainKeys.Scoped(tenant, "restart-session");

        var turn1 = await first.Grains.GetGrain<IConversationGrain>(key).SendAsync(new ChatTurn(ChatChannel.Widget, "Hello there", "turn-1", null, TestVisitor.Access));
        var turn2 = await first.Grains.GetGrain<IConversationGrain>(key).SendAsync(new ChatTurn(ChatChannel.Widget, "Do you ship to Norway?", "turn-2", null, TestVisitor.Access));
        Assert.True(turn1.IsSuccess, turn1.Failure?.Detail);
        Assert.True(turn2.IsSuccess, turn2.Failure?.Detail);

        var restarted = await first.RestartAsync();
        try
        {
            var conversation = restarted.Grains.GetGrain<IConversationGrain>(key);
            var retry = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "Do you ship to Norway?", "turn-2", null, TestVisitor.Access));
            var turn3 = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "Thanks, and how long does it take?", "turn-3", null, TestVisitor.Access));

            Assert.True(retry.IsSuccess, retry.Failure?.Detail);
            Assert.Equal(turn2.Value!.MessageId, retry.Value!.MessageId);
            Assert.Equal(turn2.Value.Reply, retry.Value.Reply);
            Assert.True(turn3.IsSuccess, turn3.Failure?.Detail);

            var view = await conversation.GetAsync();
            Assert.NotNull(view);
            Assert.Equal(Enumerable.Range(1, 6), view.Messages.Select(m => m.Seq));
            Assert.Equal(
                [TranscriptRole.Visitor, TranscriptRole.Assistant, TranscriptRole.Visitor, TranscriptRole.Assistant, TranscriptRole.Visitor, TranscriptRole.Assistant],
                view.Messages.Select(m => m.Role));
            Assert.Equal(["Hello there", turn1.Value!.Reply, "Do you ship to Norway?", turn2.Value.Reply, "Thanks, and how long does it take?", turn3.Value!.Reply],
                view.Messages.Select(m => m.Text));
            Assert.Equal([turn1.Value.MessageId, turn2.Value.MessageId, turn3.Value.MessageId], view.Messages.Where(m => m.Role == TranscriptRole.Assistant).Select(m => m.MessageId));

            await using var connection = new NpgsqlConnection(restarted.ConnectionString);
            await connection.OpenAsync();
            var rows = new List<(int Seq, string MessageId, short Role, string Body)>();
            await using (var select = new NpgsqlCommand(
                "SELECT seq, message_id, role, body FROM bob_messages WHERE tenant_id = $1 AND session_id = $2 ORDER BY seq", connection))
            {
                select.Parameters.Add(new() { Value = tenant.Value });
                select.Parameters.Add(new() { Value = "restart-session" });
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt16(2), reader.GetString(3)));
                }
            }
            Assert.Equal(view.Messages.Select(m => (m.Seq, m.MessageId, (short)m.Role, m.Text)), rows);
            await using var count = new NpgsqlCommand("SELECT message_count FROM bob_conversations WHERE tenant_id = $1 AND session_id = $2", connection);
            count.Parameters.Add(new() { Value = tenant.Value });
            count.Parameters.Add(new() { Value = "restart-session" });
            Assert.Equal(6, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }
}
