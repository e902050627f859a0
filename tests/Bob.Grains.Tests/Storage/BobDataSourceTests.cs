using Bob.Grains.Storage;
using Bob.Testing;
using Npgsql;

namespace Bob.Grains.Tests.Storage;

/// <summary>Bob's own data source: repeated statements (batches included) are prepared, and a pooled connection is not reset.</summary>
public sealed class BobDataSourceTests
{
    [Fact]
    public async Task A_batch_run_again_on_a_connection_is_prepared_and_a_returned_connection_keeps_its_session()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateEmptyAsync()) { MaxPoolSize = 1 }.ConnectionString;
        await using var dataSource = BobDataSource.Create(connectionString);

        for (var run = 0; run < BobDataSource.AutoPrepareMinUsages + 1; run++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new NpgsqlBatchCommand("SELECT $1::int + 1") { Parameters = { new() { Value = run } } }, new NpgsqlBatchCommand("SELECT 'bob'") },
            };
            await batch.ExecuteNonQueryAsync();
            if (run == 0)
            {
                await using var set = new NpgsqlCommand("SET application_name = 'kept'", connection);
                await set.ExecuteNonQueryAsync();
            }
        }

        await using var again = await dataSource.OpenConnectionAsync();
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement IN ('SELECT $1::int + 1', 'SELECT ''bob''')", again);
        Assert.Equal(2L, await prepared.ExecuteScalarAsync());
        await using var name = new NpgsqlCommand("SHOW application_name", again);
        Assert.Equal("kept", await name.ExecuteScalarAsync()); // no DISCARD ALL when it went back to the pool
    }

    [Fact]
    public async Task A_connection_string_that_sets_the_options_itself_keeps_them()
    {
        var given = new NpgsqlConnectionStringBuilder(TestDatabase.Server) { NoResetOnClose = false, MaxAutoPrepare = 0 };

        await using var dataSource = BobDataSource.Create(given.ConnectionString);

        var used = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Assert.False(used.NoResetOnClose);
        Assert.Equal(0, used.MaxAutoPrepare);
    }
}
