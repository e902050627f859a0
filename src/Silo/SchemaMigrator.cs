using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bob.Silo;

/// <summary>
/// Applies the project's own versioned SQL migrations (embedded <c>Migrations/NNNN_name.sql</c>) in order,
/// each in its own transaction, recording them in <c>bob_schema_migrations</c>. An advisory lock makes
/// concurrent starts of several silos safe: one applies, the others wait and find nothing to do.
/// </summary>
public static class SchemaMigrator
{
    private const long AdvisoryLockKey = 0x426F625F536368; // "Bob_Sch"

    public static async Task<IReadOnlyList<string>> ApplyAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS bob_schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var newlyApplied = new List<string>();
            foreach (var migration in Migration.Embedded().Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                await using (var record = new NpgsqlCommand("INSERT INTO bob_schema_migrations (version, name) VALUES (@v, @n)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                logger?.LogInformation("Applied schema migration {Version} {Name}", migration.Version, migration.Name);
                newlyApplied.Add(migration.Name);
            }
            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey));
        }
    }

    /// <summary>The embedded migrations the database has not recorded (none: the schema is current for this build).</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('bob_schema_migrations') IS NOT NULL", connection);
        var applied = (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? await AppliedVersionsAsync(connection, cancellationToken) : [];
        return Migration.Embedded().Where(m => !applied.Contains(m.Version)).Select(m => m.Name).ToList();
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM bob_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Migration(int Version, string Name, string Sql)
    {
        public static IEnumerable<Migration> Embedded()
        {
            var assembly = typeof(SchemaMigrator).Assembly;
            return assembly.GetManifestResourceNames()
                .Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => FromResource(assembly, n))
                .OrderBy(m => m.Version);
        }

        private static Migration FromResource(Assembly assembly, string resourceName)
        {
            // Resource names look like "Bob.Silo.Migrations.0001_orleans_clustering.sql".
            var fileName = resourceName["Bob.Silo.Migrations.".Length..^".sql".Length];
            var version = int.Parse(fileName[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resourceName)!;
            using var reader = new StreamReader(stream);
            return new Migration(version, fileName, reader.ReadToEnd());
        }
    }
}
