using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;
using Bob.Testing;
using Npgsql;

namespace Bob.Grains.Tests.Conversations;

/// <summary>
/// A transcript batch whose commit reached PostgreSQL but whose acknowledgement was lost (the connection dropped right
/// after COMMIT): the conversation must believe the store, not its memory — the turn counts as answered once, a retry
/// with the same client_message_id replays it, the next turn follows on, credits equal the stored answers, and each turn's
/// hold was given back exactly once (<see cref="HeldCreditsProbe"/>).
/// </summary>
public sealed class LostAcknowledgementTests(LostAcknowledgementTests.ProxiedCluster fixture) : IClassFixture<LostAcknowledgementTests.ProxiedCluster>
{
    [Fact]
    public async Task A_turn_whose_commit_acknowledgement_is_lost_is_stored_once_replayed_on_retry_and_charged_once()
    {
        var tenant = await SignupAsync();
        var conversation = fixture.Grains.GetGrain<IConversationGrain>(GrainKeys.Scoped(tenant, "lost-ack"));
        var turn = new ChatTurn(ChatChannel.Widget, "Where is my parcel?", "lost-ack-1", null, TestVisitor.Access);
        var credits = new HeldCreditsProbe(fixture.Grains, fixture.ConnectionString);
        await credits.HoldOneAsync(tenant);

        fixture.Proxy.ArmFor("INSERT INTO bob_messages");
        var first = await conversation.SendAsync(turn);
        var retry = await conversation.SendAsync(turn);
        var next = await conversation.SendAsync(new ChatTurn(ChatChannel.Widget, "Thanks!", "lost-ack-2", null, TestVisitor.Access));

        Assert.Equal(1, fixture.Proxy.Cuts);
        Assert.True(first.IsSuccess, first.Failure?.Detail);
        Assert.Equal(first.Value!.MessageId, retry.Value!.MessageId);
        Assert.True(next.IsSuccess, next.Failure?.Detail);
        Assert.Equal([1, 2, 3, 4], await StoredSeqsAsync(tenant, "lost-ack"));
        Assert.Equal([1, 2, 3, 4], (await conversation.GetAsync())!.Messages.Select(m => m.Seq));
        var stored = await StoredCreditsAsync(tenant);
        Assert.Equal(2, stored);
        var balance = await Eventually.ReturnsAsync(() => fixture.Grains.GetGrain<ICreditMeterGrain>(tenant.Value).BalanceAsync(), b => b.Used == stored);
        Assert.Equal(stored, balance.Used);
        await credits.AssertOnlyTheTestsHoldAsync(tenant, "lost acknowledgement");
    }

    private async Task<TenantId> SignupAsync()
    {
        var signup = await fixture.Grains.GetGrain<IAccountsGrain>(0).SignupAsync(
            new SignupRequest("Lost Ack Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
        return new TenantId(signup.Value!.Tenant.Id);
    }

    private async Task<List<int>> StoredSeqsAsync(TenantId tenant, string sessionId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT seq FROM bob_messages WHERE tenant_id = $1 AND session_id = $2 ORDER BY seq", connection);
        select.Parameters.Add(new() { Value = tenant.Value });
        select.Parameters.Add(new() { Value = sessionId });
        var seqs = new List<int>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt32(0));
        }
        return seqs;
    }

    private async Task<int> StoredCreditsAsync(TenantId tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var sum = new NpgsqlCommand("SELECT COALESCE(SUM(credits), 0)::int FROM bob_messages WHERE tenant_id = $1", connection);
        sum.Parameters.Add(new() { Value = tenant.Value });
        return (int)(await sum.ExecuteScalarAsync())!;
    }

    /// <summary>A cluster whose silos reach PostgreSQL through a <see cref="PgWireProxy"/> that can lose a commit's acknowledgement.</summary>
    public sealed class ProxiedCluster : ClusterFixture
    {
        public PgWireProxy Proxy { get; private set; } = null!;

        protected override string SiloConnectionString(string database)
        {
            Proxy = PgWireProxy.Start(database);
            return Proxy.Through(database);
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }
}
