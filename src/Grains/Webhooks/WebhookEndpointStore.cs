using Bob.Grains.Abstractions.Common;
using Npgsql;
using NpgsqlTypes;
using static Bob.Grains.Webhooks.WebhookSql;

namespace Bob.Grains.Webhooks;

/// <summary>
/// Endpoint rows in <c>bob_webhook_endpoints</c> (migration 0040): an endpoint grain's state, read at activation and written on
/// every change; the catalog lists them and checks a URL is new.
/// </summary>
public sealed class WebhookEndpointStore(NpgsqlDataSource database)
{
    private const string EndpointColumns =
        "tenant_id, endpoint_id, url, description, events, enabled, disabled_reason, disabled_at, failing_since, secret, previous_secret, previous_secret_expires_at, created_at, updated_at";

    public async Task<WebhookEndpointRecord?> LoadEndpointAsync(TenantId tenant, string endpointId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT {EndpointColumns} FROM bob_webhook_endpoints WHERE tenant_id = $1 AND endpoint_id = $2", connection);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = endpointId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadEndpoint(reader) : null;
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

    private static WebhookEndpointRecord ReadEndpoint(NpgsqlDataReader reader) => new(
        new TenantId(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4), reader.GetBoolean(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), NullableTime(reader, 7), NullableTime(reader, 8), reader.GetFieldValue<byte[]>(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<byte[]>(10), NullableTime(reader, 11), reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13));

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
