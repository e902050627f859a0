using Bob.Grains.Abstractions.Admin;
using Bob.Grains.Storage;
using Npgsql;

namespace Bob.Grains.Admin;

/// <summary>A tenant's row in the directory, as its grain last wrote it.</summary>
public sealed record TenantDirectoryRow(string Id, string Name, string Plan, int PricebookVersion, string Status, DateTimeOffset CreatedAt);

/// <summary>The searchable copy of every tenant (<c>bob_tenants</c>) behind the platform admin's list. Tenant grains write
/// their own row; the list adds each tenant's credits used since the period start from the transcript log.</summary>
public sealed class TenantDirectory(NpgsqlDataSource database)
{
    /// <summary>The state name tenant grains are stored under, to find tenants created before the directory existed.</summary>
    public const string TenantStateName = "tenant";

    public async Task UpsertAsync(TenantDirectoryRow row, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO bob_tenants (tenant_id, name, plan, pricebook_version, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
            "ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, plan = EXCLUDED.plan, pricebook_version = EXCLUDED.pricebook_version, " +
            "status = EXCLUDED.status, updated_at = EXCLUDED.updated_at");
        command.Parameters.Add(new() { Value = row.Id });
        command.Parameters.Add(new() { Value = row.Name });
        command.Parameters.Add(new() { Value = row.Plan });
        command.Parameters.Add(new() { Value = row.PricebookVersion });
        command.Parameters.Add(new() { Value = row.Status });
        command.Parameters.Add(new() { Value = row.CreatedAt });
        command.Parameters.Add(new() { Value = now });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Tenants stored as grains (of this service) that have no directory row yet.</summary>
    public async Task<IReadOnlyList<string>> UnlistedAsync(string serviceId)
    {
        await using var command = database.CreateCommand(
            "SELECT s.grain_id_extension FROM orleans_storage s WHERE s.service_id = $1 AND s.grain_type = $2 " +
            "AND NOT EXISTS (SELECT 1 FROM bob_tenants t WHERE t.tenant_id = s.grain_id_extension)");
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = TenantStateName });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>A page, newest tenants first, each with its credits used since <paramref name="periodStart"/>.</summary>
    public async Task<(IReadOnlyList<(TenantDirectoryRow Row, int CreditsUsed)> Rows, int Total)> ListAsync(TenantQuery query, DateTimeOffset periodStart)
    {
        const string filter = "FROM bob_tenants t WHERE ($1::text IS NULL OR t.tenant_id ILIKE $1 OR t.name ILIKE $1) " +
            "AND ($2::text IS NULL OR t.plan = $2) AND ($3::text IS NULL OR t.status = $3)";
        var pattern = LikePatterns.Containing(query.Text);
        await using var connection = await database.OpenConnectionAsync();
        int total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) {filter}", connection))
        {
            AddFilters(count, pattern, query);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        await using var page = new NpgsqlCommand(
            $"WITH page AS (SELECT t.tenant_id, t.name, t.plan, t.pricebook_version, t.status, t.created_at {filter} " +
            "ORDER BY t.created_at DESC, t.tenant_id LIMIT $4 OFFSET $5) " +
            "SELECT p.*, COALESCE((SELECT SUM(m.credits) FROM bob_messages m WHERE m.tenant_id = p.tenant_id AND m.created_at >= $6 AND m.credits > 0), 0)::int " +
            "FROM page p ORDER BY p.created_at DESC, p.tenant_id", connection);
        AddFilters(page, pattern, query);
        page.Parameters.Add(new() { Value = query.PageSize });
        page.Parameters.Add(new() { Value = (long)(query.Page - 1) * query.PageSize });
        page.Parameters.Add(new() { Value = periodStart });
        var rows = new List<(TenantDirectoryRow, int)>();
        await using var reader = await page.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((new TenantDirectoryRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)), reader.GetInt32(6)));
        }
        return (rows, total);
    }

    private static void AddFilters(NpgsqlCommand command, string? pattern, TenantQuery query)
    {
        command.Parameters.Add(new() { Value = (object?)pattern ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)query.Plan ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)query.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }
}
