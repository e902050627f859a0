using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Npgsql;

namespace Bob.Grains.Billing;

/// <summary>Usage per day, read from the transcript log (<c>bob_messages</c>), the one record of what was said and charged.</summary>
public sealed class UsageStore(NpgsqlDataSource database)
{
    /// <summary>The days of <paramref name="period"/> that had messages or credits, oldest first.</summary>
    public async Task<IReadOnlyList<UsageDay>> DaysWithUsageAsync(TenantId tenant, BillingPeriod period)
    {
        await using var command = database.CreateCommand(
            "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) FILTER (WHERE role <> $4)::int, COALESCE(SUM(credits), 0)::int " +
            "FROM bob_messages WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY day ORDER BY day");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = period.Start });
        command.Parameters.Add(new() { Value = period.End });
        command.Parameters.Add(new() { Value = (short)TranscriptRole.System });
        var days = new List<UsageDay>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            days.Add(new UsageDay(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt32(2)));
        }
        return days;
    }
}
