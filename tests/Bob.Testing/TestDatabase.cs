using Bob.Silo;
using Npgsql;

namespace Bob.Testing;

/// <summary>
/// A fresh PostgreSQL database per fixture on the server deploy/test.sh starts (<c>BOB_TEST_PG</c>),
/// with the project's migrations applied: the real store, isolated between fixtures.
/// </summary>
public static class TestDatabase
{
    /// <summary>The shared test server's connection string (<c>BOB_TEST_PG</c>, its <c>postgres</c> database).</summary>
    public static string Server => Environment.GetEnvironmentVariable("BOB_TEST_PG")
        ?? throw new InvalidOperationException("BOB_TEST_PG is not set: run the tests with deploy/test.sh, which starts a throwaway PostgreSQL.");

    public static async Task<string> CreateAsync()
    {
        var connectionString = await CreateEmptyAsync();
        await SchemaMigrator.ApplyAsync(connectionString);
        return connectionString;
    }

    /// <summary>A fresh database without the schema (for tests of the migrate command and of schema checks at start).</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var server = Server;
        var name = $"bob_t_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }
}
