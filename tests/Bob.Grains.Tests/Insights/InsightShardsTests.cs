using Bob.Grains.Abstractions.Common;
using Bob.Grains.Insights;
using Bob.Testing;
using Npgsql;

namespace Bob.Grains.Tests.Insights;

/// <summary>
/// Each transcript writer adds its turns to its own shard of a tenant's day counters, so a writer's commit never waits for
/// another's row lock (two writers on one row serialized every silo's commits under load), and reading sums the shards and
/// the unsharded table an earlier release writes while a release rolls.
/// </summary>
public sealed class InsightShardsTests
{
    [Fact]
    public async Task Two_writers_count_one_tenants_day_without_waiting_for_each_other_and_reads_sum_every_shard()
    {
        await using var data = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        var tenant = new TenantId($"shards-{Guid.NewGuid():N}"[..20]);
        var at = DateTimeOffset.UtcNow;
        var day = DateOnly.FromDateTime(at.UtcDateTime);

        await using (var first = await data.OpenConnectionAsync())
        await using (var uncommitted = await first.BeginTransactionAsync())
        {
            await AddAsync(first, uncommitted, [Opening(tenant, at, firstAnswerMs: 120)], shard: 3);
            await using (var second = await data.OpenConnectionAsync())
            {
                // Had it to wait for the first writer's row lock, this would fail after 5 s instead of committing.
                await ExecuteAsync(second, "SET lock_timeout = '5s'");
                await AddAsync(second, null, [Opening(tenant, at, firstAnswerMs: 80), Opening(tenant, at, firstAnswerMs: 2_000)], shard: 4);
            }
            await uncommitted.CommitAsync();
        }
        await using (var earlierRelease = data.CreateCommand("INSERT INTO bob_insight_days (tenant_id, day, conversations, answers, grounded) VALUES ($1, $2, 1, 1, 0)"))
        {
            earlierRelease.Parameters.Add(new() { Value = tenant.Value });
            earlierRelease.Parameters.Add(new() { Value = day });
            await earlierRelease.ExecuteNonQueryAsync();
        }

        var store = new InsightsStore(data);
        var counted = Assert.Single(await store.DaysAsync(tenant, day, day));
        Assert.Equal((4, 4, 3), (counted.Conversations, counted.Answers, counted.Grounded));
        var buckets = await store.FirstAnswerBucketsAsync(tenant, day, day);
        Assert.Equal(3, buckets.Values.Sum());
        Assert.Equal(2, buckets.Count(b => b.Key < FirstAnswerBuckets.Of(1_000)));
    }

    [Fact]
    public async Task A_writer_adding_twice_to_its_shard_adds_up_in_one_row()
    {
        await using var data = NpgsqlDataSource.Create(await TestDatabase.CreateAsync());
        var tenant = new TenantId($"shards-{Guid.NewGuid():N}"[..20]);
        var at = DateTimeOffset.UtcNow;
        await using (var connection = await data.OpenConnectionAsync())
        {
            await AddAsync(connection, null, [Opening(tenant, at, 50)], shard: 7);
            await AddAsync(connection, null, [Opening(tenant, at, 60)], shard: 7);
        }

        await using var rows = data.CreateCommand("SELECT count(*)::int, sum(conversations)::int FROM bob_insight_day_shards WHERE tenant_id = $1");
        rows.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await rows.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((1, 2), (reader.GetInt32(0), reader.GetInt32(1)));
    }

    private static TurnInsight Opening(TenantId tenant, DateTimeOffset at, long firstAnswerMs) =>
        new(tenant, $"s-{Guid.NewGuid():N}", at, OpensConversation: true, Answered: true, Grounded: true, Unanswered: null, Handoff: null, FirstAnswerMs: firstAnswerMs);

    private static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<TurnInsight> insights, short shard)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in InsightsBatch.Commands(insights, shard))
        {
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
