using System.Globalization;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;
using Npgsql;
using NpgsqlTypes;

namespace Bob.Grains.Webhooks;

/// <summary>Webhook endpoints, the outbox, deliveries and attempts in PostgreSQL (migration 0040).</summary>
public sealed class WebhookStore(NpgsqlDataSource database)
{
    private const string EndpointColumns =
        "tenant_id, endpoint_id, url, description, events, enabled, disabled_reason, disabled_at, failing_since, secret, previous_secret, previous_secret_expires_at, created_at, updated_at";

    private const string DeliveryColumns =
        "seq, delivery_id, event_id, event_type, status, attempts, last_status_code, last_latency_ms, last_error, next_attempt_at, created_at, updated_at";

    /// <summary>
    /// Adds events to the outbox inside the caller's transaction, keeping only those some enabled endpoint of the tenant
    /// subscribed to (or the one endpoint an event is for): a tenant without webhooks pays for no rows. Known ids are skipped.
    /// </summary>
    public static async Task AppendEventsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<OutboxEvent> events, CancellationToken cancellationToken)
    {
        if (EventsInsert(events) is not { } insert)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { insert } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The INSERT of <see cref="AppendEventsAsync(NpgsqlConnection, NpgsqlTransaction?, IReadOnlyCollection{OutboxEvent}, CancellationToken)"/>
    /// as a batch command, for a caller that sends it with its own statements in one round trip (its records affected are
    /// the events kept); null when there are no events.</summary>
    public static NpgsqlBatchCommand? EventsInsert(IReadOnlyCollection<OutboxEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return null;
        }
        var insert = new NpgsqlBatchCommand(
            "INSERT INTO bob_webhook_events (event_id, tenant_id, type, created_at, payload, endpoint_id) " +
            "SELECT e.event_id, e.tenant_id, e.type, e.created_at, e.payload, e.endpoint_id " +
            "FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) AS e(event_id, tenant_id, type, created_at, payload, endpoint_id) " +
            "WHERE EXISTS (SELECT 1 FROM bob_webhook_endpoints w WHERE w.tenant_id = e.tenant_id AND w.enabled " +
            "AND (w.endpoint_id = e.endpoint_id OR (e.endpoint_id IS NULL AND e.type = ANY (w.events)))) " +
            "ON CONFLICT (event_id) DO NOTHING");
        insert.Parameters.Add(Texts(events.Select(e => e.EventId)));
        insert.Parameters.Add(Texts(events.Select(e => e.Tenant.Value)));
        insert.Parameters.Add(Texts(events.Select(e => e.Type)));
        insert.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.CreatedAt).ToArray() });
        insert.Parameters.Add(Texts(events.Select(e => e.Payload)));
        insert.Parameters.Add(Texts(events.Select(e => e.EndpointId)));
        return insert;
    }

    public async Task AppendEventsAsync(IReadOnlyCollection<OutboxEvent> events)
    {
        await using var connection = await database.OpenConnectionAsync();
        await AppendEventsAsync(connection, null, events, CancellationToken.None);
    }

    public async Task<WebhookEndpointRecord?> LoadEndpointAsync(TenantId tenant, string endpointId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT {EndpointColumns} FROM bob_webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = endpointId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadEndpoint(reader) : null;
    }

    /// <summary>The event types the tenant's enabled endpoints subscribe to (what its conversations need to raise).</summary>
    public async Task<WebhookSubscriptions> SubscriptionsAsync(TenantId tenant)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT unnest(events) FROM bob_webhook_endpoints WHERE tenant_id = $1 AND enabled", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync();
        var types = new List<string>();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }
        return types.Count == 0 ? WebhookSubscriptions.None : new WebhookSubscriptions(types);
    }

    public async Task<IReadOnlyList<WebhookEndpointRecord>> ListEndpointsAsync(TenantId tenant)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT {EndpointColumns} FROM bob_webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at, endpoint_id", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        await using var reader = await command.ExecuteReaderAsync();
        var endpoints = new List<WebhookEndpointRecord>();
        while (await reader.ReadAsync())
        {
            endpoints.Add(ReadEndpoint(reader));
        }
        return endpoints;
    }

    public async Task<bool> UrlTakenAsync(TenantId tenant, string url, string? exceptEndpointId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM bob_webhook_endpoints WHERE tenant_id = $1 AND url = $2 AND endpoint_id IS DISTINCT FROM $3)", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = url });
        command.Parameters.Add(new() { Value = (object?)exceptEndpointId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Inserts or replaces the endpoint's row; false when another endpoint of the tenant has the URL (a race the unique index settles).</summary>
    public async Task<bool> SaveEndpointAsync(WebhookEndpointRecord endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO bob_webhook_endpoints ({EndpointColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) " +
            "ON CONFLICT (tenant_id, endpoint_id) DO UPDATE SET url = EXCLUDED.url, description = EXCLUDED.description, events = EXCLUDED.events, " +
            "enabled = EXCLUDED.enabled, disabled_reason = EXCLUDED.disabled_reason, disabled_at = EXCLUDED.disabled_at, failing_since = EXCLUDED.failing_since, " +
            "secret = EXCLUDED.secret, previous_secret = EXCLUDED.previous_secret, previous_secret_expires_at = EXCLUDED.previous_secret_expires_at, updated_at = EXCLUDED.updated_at",
            connection);
        command.Parameters.Add(new() { Value = endpoint.Tenant.Value });
        command.Parameters.Add(new() { Value = endpoint.Id });
        command.Parameters.Add(new() { Value = endpoint.Url });
        command.Parameters.Add(new() { Value = endpoint.Description });
        command.Parameters.Add(new() { Value = endpoint.Events.ToArray() });
        command.Parameters.Add(new() { Value = endpoint.Enabled });
        command.Parameters.Add(Nullable(endpoint.DisabledReason, NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(endpoint.DisabledAt, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(endpoint.FailingSince, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new() { Value = endpoint.Secret });
        command.Parameters.Add(Nullable(endpoint.PreviousSecret, NpgsqlDbType.Bytea));
        command.Parameters.Add(Nullable(endpoint.PreviousSecretExpiresAt, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new() { Value = endpoint.CreatedAt });
        command.Parameters.Add(new() { Value = endpoint.UpdatedAt });
        try
        {
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException duplicate) when (duplicate.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    /// <summary>Removes the endpoint with its deliveries and their attempts.</summary>
    public async Task DeleteEndpointAsync(TenantId tenant, string endpointId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("DELETE FROM bob_webhook_deliveries WHERE tenant_id = $1 AND endpoint_id = $2", tenant.Value, endpointId),
                Command("DELETE FROM bob_webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2", tenant.Value, endpointId),
            },
        };
        await batch.ExecuteNonQueryAsync();
    }

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

    /// <summary>
    /// Turns waiting outbox events into deliveries, one per subscribed enabled endpoint, in one statement: at most
    /// <paramref name="limit"/> events, skipping rows another silo is taking. Returns how many events it took and the
    /// endpoints ("tenant/endpoint" keys) that now have something to send.
    /// </summary>
    public async Task<(int Events, IReadOnlyList<string> Endpoints)> FanOutAsync(int limit, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "WITH batch AS (SELECT event_id FROM bob_webhook_events WHERE NOT fanned_out ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED), " +
            "taken AS (UPDATE bob_webhook_events e SET fanned_out = true FROM batch WHERE e.event_id = batch.event_id RETURNING e.event_id, e.tenant_id, e.type, e.endpoint_id), " +
            "added AS (INSERT INTO bob_webhook_deliveries (delivery_id, tenant_id, endpoint_id, event_id, event_type, status, next_attempt_at, created_at, updated_at) " +
            "SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), t.tenant_id, w.endpoint_id, t.event_id, t.type, 'pending', $2, $2, $2 " +
            "FROM taken t JOIN bob_webhook_endpoints w ON w.tenant_id = t.tenant_id AND w.enabled " +
            "AND (w.endpoint_id = t.endpoint_id OR (t.endpoint_id IS NULL AND t.type = ANY (w.events))) " +
            "ON CONFLICT DO NOTHING RETURNING tenant_id, endpoint_id) " +
            "SELECT (SELECT count(*) FROM taken)::int, COALESCE(array_agg(DISTINCT tenant_id || '/' || endpoint_id), '{}') FROM added", connection);
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = now });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetFieldValue<string[]>(1));
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

    /// <summary>Queues an event for one endpoint directly (already fanned out) and returns its delivery id.</summary>
    public async Task<string> QueueForEndpointAsync(OutboxEvent outboxEvent, string endpointId)
    {
        ArgumentNullException.ThrowIfNull(outboxEvent);
        var deliveryId = "dlv_" + Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("INSERT INTO bob_webhook_events (event_id, tenant_id, type, created_at, payload, endpoint_id, fanned_out) VALUES ($1, $2, $3, $4, $5, $6, true)",
                    outboxEvent.EventId, outboxEvent.Tenant.Value, outboxEvent.Type, outboxEvent.CreatedAt, outboxEvent.Payload, endpointId),
                Command("INSERT INTO bob_webhook_deliveries (delivery_id, tenant_id, endpoint_id, event_id, event_type, status, next_attempt_at, created_at, updated_at) " +
                    "VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6, $6)",
                    deliveryId, outboxEvent.Tenant.Value, endpointId, outboxEvent.EventId, outboxEvent.Type, outboxEvent.CreatedAt),
            },
        };
        await using var transaction = await connection.BeginTransactionAsync();
        batch.Transaction = transaction;
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return deliveryId;
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

    private static WebhookEndpointRecord ReadEndpoint(NpgsqlDataReader reader) => new(
        new TenantId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4), reader.GetBoolean(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), NullableTime(reader, 7), NullableTime(reader, 8), reader.GetFieldValue<byte[]>(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<byte[]>(10), NullableTime(reader, 11), reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13));

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static int? NullableInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
