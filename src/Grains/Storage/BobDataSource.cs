using System.Data.Common;
using Npgsql;

namespace Bob.Grains.Storage;

/// <summary>
/// The data source of Bob's own tables (not Orleans' clustering, storage and reminders, which keep their connection
/// strings). Two settings for the turn's commit, which runs the same few statements thousands of times a second:
/// <list type="bullet">
/// <item><c>No Reset On Close</c>: a pooled connection is not reset with <c>DISCARD ALL</c> when it goes back to the pool.
/// Nothing here leaves session state behind (no <c>SET</c>, <c>LISTEN</c>, temporary tables or session advisory locks;
/// the migrator's advisory lock runs on its own connection); an open transaction is still rolled back on close.</item>
/// <item><c>Max Auto Prepare</c>: a statement text used <see cref="AutoPrepareMinUsages"/> times on a connection is
/// prepared there (each command of an <see cref="NpgsqlBatch"/> too), so PostgreSQL parses and plans the transcript
/// batch once per connection instead of on every commit.</item>
/// </list>
/// Both apply only where the connection string does not set them.
/// </summary>
public static class BobDataSource
{
    public const int MaxAutoPrepare = 64;
    public const int AutoPrepareMinUsages = 2;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // A plain builder: Npgsql's own answers ContainsKey for every keyword it knows, set or not.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = MaxAutoPrepare;
            settings.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }
        return StalePools.Track(builder.Build());
    }
}
