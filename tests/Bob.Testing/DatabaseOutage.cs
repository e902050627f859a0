using Npgsql;

namespace Bob.Testing;

/// <summary>
/// Makes a test's own database unreachable and reachable again, for real: new connections are refused
/// (<c>ALLOW_CONNECTIONS false</c>) and every open one is terminated, as in a PostgreSQL restart. Only the database
/// <see cref="TestDatabase"/> made for that fixture is touched, never the shared server's others.
/// </summary>
public sealed class DatabaseOutage : IAsyncDisposable
{
    private readonly string _database;
    private bool _restored;

    private DatabaseOutage(string database) => _database = database;

    public static async Task<DatabaseOutage> BeginAsync(string connectionString)
    {
        var outage = new DatabaseOutage(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        await outage.RunAsync($"ALTER DATABASE {outage._database} ALLOW_CONNECTIONS false");
        await outage.RunAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{outage._database}' AND pid <> pg_backend_pid()");
        return outage;
    }

    public async Task EndAsync()
    {
        if (!_restored)
        {
            _restored = true;
            await RunAsync($"ALTER DATABASE {_database} ALLOW_CONNECTIONS true");
        }
    }

    public async ValueTask DisposeAsync() => await EndAsync();

    private async Task RunAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
