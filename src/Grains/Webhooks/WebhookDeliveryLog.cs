using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;
using Npgsql;
using NpgsqlTypes;
using static Bob.Grains.Webhooks.WebhookSql;

namespace Bob.Grains.Webhooks;

/// <summary>
/// Deliveries and their attempts in <c>bob_webhook_deliveries</c> and <c>bob_webhook_attempts</c> (migration 0040): what the
/// endpoint grain claims, sends and records, what is overdue, and the log a team member pages through and redelivers from.
/// </summary>
public sealed class WebhookDeliveryLog(NpgsqlDataSource database)
{
    private const string DeliveryColumns =
        "seq, delivery_id, event_id, event_type, status, attempts, last_status_code, last_latency_ms, last_error, next_attempt_at, created_at, updated_at";

    /// <summary>Fails every pending delivery of a disabled endpoint (the log says why); redelivery brings one back once it is enabled.</summary>
    public async Task FailPendingAsync(TenantId tenant, string endpointId, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE bob_webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = $3, updated_at = $4 " +
            "WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending'", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = endpointId });
        command.Parameters.Add(new() { Value = AttemptResult.EndpointDisabled });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Endpoints ("tenant/endpoint") with pending deliveries due before <paramref name="overdueBefore"/>: nobody is sending them.</summary>
    public async Task<IReadOnlyList<string>> OverdueEndpointsAsync(DateTimeOffset overdueBefore, int limit)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT tenant_id || '/' || endpoint_id FROM bob_webhook_deliveries WHERE status = 'pending' AND next_attempt_at < $1 LIMIT $2", connection);
        command.Parameters.Add(new() { Value = overdueBefore });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync();
        var endpoints = new List<string>();
        while (await reader.ReadAsync())
        {
            endpoints.Add(reader.GetString(0));
        }
        return endpoints;
    }

    /// <summary>Claims up to <paramref name="limit"/> due deliveries of one endpoint until <paramref name="leaseUntil"/>, with their bodies.</summary>
    public async Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(TenantId tenant, string endpointId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "WITH due AS (SELECT seq FROM bob_webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending' AND next_attempt_at <= $3 " +
            "ORDER BY next_attempt_at LIMIT $5 FOR UPDATE SKIP LOCKED) " +
            "UPDATE bob_webhook_deliveries d SET next_attempt_at = $4 FROM due, bob_webhook_events e WHERE d.seq = due.seq AND e.event_id = d.event_id " +
            "RETURNING d.seq, d.delivery_id, d.event_id, d.event_type, d.round_attempts, e.payload", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = endpointId });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = leaseUntil });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync();
        var due = new List<DueDelivery>();
        while (await reader.ReadAsync())
        {
            due.Add(new DueDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5)));
        }
        return due;
    }

    /// <summary>Records a round of attempts in one statement: each delivery's new state and one attempt row each.</summary>
    public async Task RecordAsync(IReadOnlyList<RecordedAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "WITH r AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::timestamptz[]) " +
            "AS r(seq, status, next_at, status_code, latency_ms, error, attempted_at)), " +
            "u AS (UPDATE bob_webhook_deliveries d SET status = r.status, next_attempt_at = r.next_at, attempts = d.attempts + 1, round_attempts = d.round_attempts + 1, " +
            "last_status_code = r.status_code, last_latency_ms = r.latency_ms, last_error = r.error, updated_at = r.attempted_at " +
            "FROM r WHERE d.seq = r.seq RETURNING d.seq, d.attempts) " +
            "INSERT INTO bob_webhook_attempts (delivery_seq, attempt, attempted_at, status_code, latency_ms, error, next_retry_at) " +
            "SELECT u.seq, u.attempts, r.attempted_at, r.status_code, r.latency_ms, r.error, r.next_at FROM u JOIN r ON r.seq = u.seq " +
            "ON CONFLICT DO NOTHING", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.Seq).ToArray() });
        command.Parameters.Add(Texts(attempts.Select(a => a.Status)));
        command.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.NextAttemptAt).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.Result.StatusCode).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => (int)Math.Min(int.MaxValue, a.Result.Latency.TotalMilliseconds)).ToArray() });
        command.Parameters.Add(Texts(attempts.Select(a => a.Result.Error)));
        command.Parameters.Add(new NpgsqlParameter { Value = attempts.Select(a => a.AttemptedAt).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>When the endpoint's next pending delivery is due; null when nothing is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(TenantId tenant, string endpointId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT min(next_attempt_at) FROM bob_webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 AND status = 'pending'", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = endpointId });
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>A page of the endpoint's log, newest first, after the delivery with sequence <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<(long Seq, WebhookDeliveryView View)>> ListDeliveriesAsync(TenantId tenant, string endpointId, long? before, int limit)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT {DeliveryColumns} FROM bob_webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 AND ($3::bigint IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4",
            connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = endpointId });
        command.Parameters.Add(new() { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = limit });
        return await ReadDeliveriesAsync(connection, command);
    }

    public async Task<(long Seq, WebhookDeliveryView View)?> FindDeliveryAsync(TenantId tenant, string endpointId, string deliveryId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT {DeliveryColumns} FROM bob_webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2 AND delivery_id = $3", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = endpointId });
        command.Parameters.Add(new() { Value = deliveryId });
        var found = await ReadDeliveriesAsync(connection, command);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Makes a delivery pending and due now, with a fresh retry schedule (its attempts keep counting in the log).</summary>
    public async Task ResendAsync(long seq, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE bob_webhook_deliveries SET status = 'pending', next_attempt_at = $2, round_attempts = 0, updated_at = $2 WHERE seq = $1", connection);
        command.Parameters.Add(new() { Value = seq });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<(long Seq, WebhookDeliveryView View)>> ReadDeliveriesAsync(NpgsqlConnection connection, NpgsqlCommand command)
    {
        var rows = new List<(long Seq, WebhookDeliveryView View)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt64(0), new WebhookDeliveryView(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                    NullableInt(reader, 6), NullableInt(reader, 7), reader.IsDBNull(8) ? null : reader.GetString(8), NullableTime(reader, 9),
                    reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11), [])));
            }
        }
        if (rows.Count == 0)
        {
            return rows;
        }
        var attempts = new Dictionary<long, List<WebhookAttemptView>>();
        await using (var query = new NpgsqlCommand(
            "SELECT delivery_seq, attempt, attempted_at, status_code, latency_ms, error, next_retry_at FROM bob_webhook_attempts WHERE delivery_seq = ANY ($1) ORDER BY delivery_seq, attempt",
            connection))
        {
            query.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() });
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var seq = reader.GetInt64(0);
                if (!attempts.TryGetValue(seq, out var list))
                {
                    attempts[seq] = list = [];
                }
                list.Add(new WebhookAttemptView(reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), NullableInt(reader, 3), reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), NullableTime(reader, 6)));
            }
        }
        return [.. rows.Select(r => (r.Seq, r.View with { Attempts = attempts.GetValueOrDefault(r.Seq) ?? [] }))];
    }
}
