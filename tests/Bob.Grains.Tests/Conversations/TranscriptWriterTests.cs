using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;
using Npgsql;

namespace Bob.Grains.Tests.Conversations;

[Collection(ClusterCollection.Name)]
public sealed class TranscriptWriterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Concurrent_turns_on_many_conversations_are_all_durable_and_in_order()
    {
        var tenant = await PublicTenantAsync();
        const int conversations = 40;
        const int turns = 3;

        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            var grain = fixture.Grains.GetGrain<IConversationGrain>(GrainKeys.Scoped(tenant, $"load-{c}"));
            for (var t = 0; t < turns; t++)
            {
                var reply = await grain.SendAsync(new ChatTurn(ChatChannel.Widget, $"question {t}", $"c{c}-t{t}", null, TestVisitor.Access));
                Assert.True(reply.IsSuccess, reply.Failure?.Detail);
            }
        }));

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT session_id), bool_and(ok) FROM (" +
            " SELECT session_id, seq = row_number() OVER (PARTITION BY session_id ORDER BY seq) AS ok FROM bob_messages WHERE tenant_id = $1) m", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(conversations * turns * 2, reader.GetInt64(0));
        Assert.Equal(conversations, reader.GetInt64(1));
        Assert.True(reader.GetBoolean(2), "sequence numbers have no gaps");
    }

    [Fact]
    public async Task A_turn_refused_by_validation_stores_nothing()
    {
        var tenant = await PublicTenantAsync();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(GrainKeys.Scoped(tenant, "refused"));

        var reply = await grain.SendAsync(new ChatTurn(ChatChannel.Widget, new string('x', ChatLimits.MessageMax + 1), null, null, TestVisitor.Access));

        Assert.Equal(FailureCodes.ValidationFailed, reply.Failure?.Code);
        Assert.Null(await grain.GetAsync());
    }

    private async Task<TenantId> PublicTenantAsync()
    {
        var signup = await fixture.Grains.GetGrain<IAccountsGrain>(0)
            .SignupAsync(new SignupRequest("Writer Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
        return new TenantId(signup.Value!.Tenant.Id);
    }
}
