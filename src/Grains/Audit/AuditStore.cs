using Bob.Grains.Abstractions.Audit;
using Bob.Grains.Abstractions.Common;
using Npgsql;
using NpgsqlTypes;

namespace Bob.Grains.Audit;

/// <summary>Appends and pages a tenant's audit entries in <c>bob_audit</c>. Only <see cref="AuditLogGrain"/> appends.</summary>
public sealed class AuditStore(NpgsqlDataSource database)
{
    private const string UniqueViolation = "23505";

    public async Task<long> LastIdAsync(TenantId tenant)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(seq), 0) FROM bob_audit WHERE tenant_id = $1", connection);
        command.Parameters.Add(Text(tenant.Value));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Stores the entry; false when its id is already taken (another activation of the log appended first).</summary>
    public async Task<bool> TryAppendAsync(AuditEntry entry)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO bob_audit (tenant_id, seq, at, actor_type, actor_id, actor_email, action, target_type, target_id, before, after) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)", connection);
        command.Parameters.Add(Text(entry.Tenant.Value));
        command.Parameters.Add(new() { Value = entry.Id });
        command.Parameters.Add(new() { Value = entry.At });
        command.Parameters.Add(Text(entry.Actor.Type));
        command.Parameters.Add(Text(entry.Actor.UserId));
        command.Parameters.Add(Text(entry.Actor.Email));
        command.Parameters.Add(Text(entry.Action));
        command.Parameters.Add(Text(entry.Target.Type));
        command.Parameters.Add(Text(entry.Target.Id));
        command.Parameters.Add(Text(entry.Before));
        command.Parameters.Add(Text(entry.After));
        try
        {
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Newest first, below the cursor; one row more than asked tells whether an older page exists.</summary>
    public async Task<AuditPage> ListAsync(TenantId tenant, AuditQuery query)
    {
        var (actorType, actorEmail, actorId) = ActorFilter(query.Actor);
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT seq, at, actor_type, actor_id, actor_email, action, target_type, target_id, before::text, after::text FROM bob_audit " +
            "WHERE tenant_id = $1 AND ($2::bigint IS NULL OR seq < $2) AND ($3::text IS NULL OR action = $3) " +
            "AND ($4::text IS NULL OR actor_type = $4) AND ($5::text IS NULL OR actor_email = $5) AND ($6::text IS NULL OR actor_id = $6) " +
            "AND ($7::timestamptz IS NULL OR at >= $7) AND ($8::timestamptz IS NULL OR at < $8) " +
            "ORDER BY seq DESC LIMIT $9", connection);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(new() { Value = (object?)query.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(Text(query.Action));
        command.Parameters.Add(Text(actorType));
        command.Parameters.Add(Text(actorEmail));
        command.Parameters.Add(Text(actorId));
        command.Parameters.Add(new() { Value = (object?)query.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)query.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = query.Limit + 1 });
        var items = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(new AuditEntry(reader.GetInt64(0), tenant, reader.GetFieldValue<DateTimeOffset>(1),
                new AuditActor(reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4)), reader.GetString(5),
                new AuditTarget(reader.GetString(6), reader.GetString(7)), NullableString(reader, 8), NullableString(reader, 9)));
        }
        if (items.Count <= query.Limit)
        {
            return new AuditPage(items, null);
        }
        items.RemoveAt(items.Count - 1);
        return new AuditPage(items, items[^1].Id);
    }

    /// <summary>An actor filter names an actor type (system, platform), an email, or a user id.</summary>
    private static (string? Type, string? Email, string? UserId) ActorFilter(string? actor) =>
        actor switch
        {
            null => (null, null, null),
            AuditActorTypes.System or AuditActorTypes.Platform => (actor, null, null),
            _ when actor.Contains('@', StringComparison.Ordinal) => (null, actor.Trim().ToLowerInvariant(), null),
            _ => (null, null, actor),
        };

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
