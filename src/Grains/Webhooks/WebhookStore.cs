using Bob.Grains.Abstractions.Common;
using Npgsql;
using static Bob.Grains.Webhooks.WebhookSql;

namespace Bob.Grains.Webhooks;

/// <summary>
/// The webhook outbox in <c>bob_webhook_events</c> (migration 0040): events appended where they happen, turned into one delivery
/// per subscribed endpoint by the relay, and the subscriptions that decide which events a tenant's turns raise at all.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource database)
{
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
}
