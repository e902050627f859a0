using System.Runtime.CompilerServices;
using Npgsql;

namespace Bob.Grains.Storage;

/// <summary>
/// Npgsql hands out a pooled connection without checking it. After a database restart every idle connection in every
/// pool is dead, and each would fail one request later, however long the database has been back by then. The first
/// sign of an unreachable database therefore empties every pool this process has: Orleans' (one per connection
/// string) and Bob's own data sources. Connections in use are closed when they are returned.
/// </summary>
public static class StalePools
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, object?> DataSources = [];

    /// <summary>Remembers a data source built here (Npgsql's <see cref="NpgsqlConnection.ClearAllPools"/> knows only
    /// the pools of plain connection strings).</summary>
    public static NpgsqlDataSource Track(NpgsqlDataSource dataSource)
    {
        DataSources.AddOrUpdate(dataSource, null);
        return dataSource;
    }

    /// <summary>The server ended the session (a restart, a terminated backend, a server not yet accepting), or the socket
    /// broke. A timeout is not such a sign: emptying the pools of a database that is only slow would add reconnects to its load.</summary>
    public static bool SaysConnectionsWereLost(Exception exception) => exception switch
    {
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" } => true,
        PostgresException { SqlState: var state } => state.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException } => true,
        _ => false,
    };

    public static void Empty()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var (dataSource, _) in DataSources)
        {
            try
            {
                dataSource.Clear();
            }
            catch (ObjectDisposedException)
            {
                // A silo that has stopped; its pool is gone already.
            }
        }
    }
}
