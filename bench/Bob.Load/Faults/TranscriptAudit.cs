using System.Diagnostics;
using Npgsql;

namespace Bob.Load.Faults;

/// <summary>What the transcript in PostgreSQL says about a fault run's turns, audited by client_message_id.</summary>
/// <param name="Lost">Acknowledged turns (200) whose visitor message or the reply the client got is not in the transcript.</param>
/// <param name="DoubleAnswers">Visitor messages stored twice for one id, replies without their own visitor message, or a resend answered differently.</param>
/// <param name="CreditsCharged">The tenants' meters: credits used as a last probe turn's reply reports them (that turn included).</param>
/// <param name="StoredReplyCredits">The credits recorded on the tenants' stored replies (the probe turns included).</param>
public sealed record AuditResult(int Acknowledged, int Lost, int DoubleAnswers, int StoredReplies, int CreditsCharged, int StoredReplyCredits, double CreditsSettledAfter)
{
    public bool CreditsMatch => CreditsCharged == StoredReplyCredits;
}

public static class TranscriptAudit
{
    /// <summary>Unpooled: a pooled connection may be one a database outage of the run itself has cut.</summary>
    private static NpgsqlConnection Open(string database) => new(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);

    private sealed record Row(string Session, int Seq, short Role, string? ClientMessageId, string MessageId, int Credits);

    public static async Task<AuditResult> RunAsync(FaultOutcome outcome, FaultRun run, TextWriter? progress = null)
    {
        var rows = await ReadAsync(outcome.Options.Database, outcome.Tenants.Select(t => t.Id).ToArray());
        var lost = 0;
        foreach (var ack in outcome.Acknowledged)
        {
            var mine = rows[ack.TenantId];
            var visitor = mine.FirstOrDefault(r => r.Session == ack.Session && r.Role == 0 && r.ClientMessageId == ack.ClientMessageId);
            var reply = visitor is null ? null : mine.FirstOrDefault(r => r.Session == ack.Session && r.Seq == visitor.Seq + 1 && r.Role == 1);
            if (reply is null || reply.MessageId != ack.MessageId)
            {
                lost++;
                progress?.WriteLine($"LOST: {ack.ClientMessageId} (session {ack.Session}) answered {ack.MessageId} at {ack.End:F1} s, transcript has {(visitor is null ? "no visitor message" : reply?.MessageId ?? "no reply")}");
            }
        }
        var all = rows.Values.SelectMany(r => r).ToList();
        var doubled = all.Where(r => r.Role == 0 && r.ClientMessageId is not null).GroupBy(r => (r.Session, r.ClientMessageId)).Count(g => g.Count() > 1)
            + all.GroupBy(r => r.Session).Count(s => s.Count(r => r.Role == 1) > s.Count(r => r.Role == 0))
            + outcome.DifferentAnswers;
        var (charged, stored, settledAfter) = await SettleCreditsAsync(outcome, run);
        return new AuditResult(outcome.Acknowledged.Count, lost, doubled, all.Count(r => r.Role == 1), charged, stored, settledAfter);
    }

    /// <summary>
    /// Sends one turn per tenant and compares the credits its reply reports with the credits stored on the tenant's replies,
    /// until they agree or the deadline passes: a charge lost with a killed silo is healed by the meter's recount.
    /// </summary>
    private static async Task<(int Charged, int Stored, double After)> SettleCreditsAsync(FaultOutcome outcome, FaultRun run)
    {
        var clock = Stopwatch.StartNew();
        var probes = 0;
        while (true)
        {
            int charged = 0, stored = 0;
            foreach (var tenant in outcome.Tenants)
            {
                var used = await ProbeThroughAnyNodeAsync(outcome, run, tenant, $"probe-{probes++}");
                var (credits, _) = await StoredCreditsAsync(outcome.Options.Database, tenant.Id);
                charged += used;
                stored += credits;
            }
            if (charged == stored || clock.Elapsed > outcome.Options.SettleDeadline)
            {
                return (charged, stored, clock.Elapsed.TotalSeconds);
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<int> ProbeThroughAnyNodeAsync(FaultOutcome outcome, FaultRun run, LoadTenant tenant, string id)
    {
        foreach (var url in outcome.Options.Urls)
        {
            var (status, used) = await run.ProbeAsync(url, tenant, id);
            if (status == 200)
            {
                return used;
            }
        }
        return -1;
    }

    private static async Task<(int Credits, int Replies)> StoredCreditsAsync(string database, string tenantId)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(SUM(credits), 0)::int, COUNT(*)::int FROM bob_messages WHERE tenant_id = @t AND role = 1", connection);
        command.Parameters.AddWithValue("t", tenantId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task<Dictionary<string, List<Row>>> ReadAsync(string database, string[] tenants)
    {
        var rows = tenants.ToDictionary(t => t, _ => new List<Row>());
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT tenant_id, session_id, seq, role, client_message_id, message_id, credits FROM bob_messages WHERE tenant_id = ANY(@t) AND session_id NOT LIKE 'probe-%'",
            connection);
        command.Parameters.AddWithValue("t", tenants);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)].Add(new Row(reader.GetString(1), reader.GetInt32(2), reader.GetInt16(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        }
        return rows;
    }
}
