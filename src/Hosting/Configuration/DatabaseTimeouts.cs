using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Bob.Hosting.Configuration;

/// <summary>
/// How long a running Bob node waits on PostgreSQL (<c>Bob:Database:ConnectTimeout</c>, <c>Bob:Database:CommandTimeout</c>),
/// applied to every connection string the node's runtime uses: its own data source, Orleans' clustering, storage and
/// reminders, the readiness check. Npgsql's defaults (15 s to open a connection, pool wait included; 30 s per command)
/// would hold a turn far past the 5 s a caller should wait for its 503 while the database restarts. The values replace
/// any <c>Timeout</c>/<c>Command Timeout</c> in the connection string. Migrations keep the string as given: a schema
/// change may run long.
/// </summary>
public sealed record DatabaseTimeouts(TimeSpan Connect, TimeSpan Command)
{
    public const string Section = "Bob:Database";
    public static readonly TimeSpan DefaultConnect = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DefaultCommand = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);
    private static readonly string[] NpgsqlKeys = ["Timeout", "Command Timeout", "CommandTimeout"];

    /// <summary>The configured timeouts; a clear error at start for a value that is not whole seconds in 1 s..10 min.</summary>
    public static DatabaseTimeouts From(IConfiguration configuration) =>
        new(Read(configuration, "ConnectTimeout", DefaultConnect), Read(configuration, "CommandTimeout", DefaultCommand));

    /// <summary>The node's runtime connection string: <see cref="BobConfiguration.ConnectionString"/> with these timeouts.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        From(configuration).ApplyTo(BobConfiguration.ConnectionString(configuration));

    public string ApplyTo(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in NpgsqlKeys)
        {
            builder.Remove(key);
        }
        builder["Timeout"] = Seconds(Connect);
        builder["Command Timeout"] = Seconds(Command);
        return builder.ConnectionString;
    }

    private static TimeSpan Read(IConfiguration configuration, string name, TimeSpan fallback)
    {
        var key = $"{Section}:{name}";
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value < TimeSpan.FromSeconds(1) || value > Max || value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new InvalidOperationException($"{key} must be whole seconds from 00:00:01 to 00:10:00 (got '{text}').");
        }
        return value;
    }

    private static string Seconds(TimeSpan value) => ((int)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
