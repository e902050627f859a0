using Bob.Grains.Abstractions.Common;
using Npgsql;

namespace Bob.Grains.Governance;

/// <summary>
/// Deletes old transcripts in small, bounded statements: a batch of idle conversations, their messages a bounded
/// number of rows at a time (by <c>ctid</c>), then their summary rows. Each statement is short and touches only
/// rows no chat turn is writing, so chat never waits behind a sweep.
/// </summary>
public sealed class RetentionStore(NpgsqlDataSource database)
{
    /// <summary>Up to <paramref name="limit"/> conversations whose last message is older than <paramref name="cutoff"/>, oldest first.</summary>
    public async Task<List<string>> IdleConversationsAsync(TenantId tenant, DateTimeOffset cutoff, int limit)
    {
        await using var command = database.CreateCommand(
            "SELECT session_id FROM bob_conversations WHERE tenant_id = $1 AND last_message_at < $2 ORDER BY last_message_at LIMIT $3");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = cutoff });
        command.Parameters.Add(new() { Value = limit });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Deletes at most <paramref name="limit"/> messages older than <paramref name="cutoff"/> of these conversations; the count deleted.</summary>
    public async Task<int> DeleteMessagesAsync(TenantId tenant, IReadOnlyList<string> conversations, DateTimeOffset cutoff, int limit)
    {
        await using var command = database.CreateCommand(
            "DELETE FROM bob_messages WHERE ctid = ANY(ARRAY(" +
            "SELECT ctid FROM bob_messages WHERE tenant_id = $1 AND session_id = ANY($2) AND created_at < $3 LIMIT $4))");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = conversations.ToArray() });
        command.Parameters.Add(new() { Value = cutoff });
        command.Parameters.Add(new() { Value = limit });
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes the summary rows of these conversations that are still idle (one resumed meanwhile keeps its row), and the
    /// unanswered questions (visitors' words, kept for insights) they held from before the cutoff.</summary>
    public async Task<int> DeleteConversationsAsync(TenantId tenant, IReadOnlyList<string> conversations, DateTimeOffset cutoff)
    {
        await using var command = database.CreateCommand(
            "WITH questions AS (DELETE FROM bob_unanswered_questions WHERE tenant_id = $1 AND session_id = ANY($2) AND created_at < $3) " +
            "DELETE FROM bob_conversations WHERE tenant_id = $1 AND session_id = ANY($2) AND last_message_at < $3 " +
            "AND NOT EXISTS (SELECT 1 FROM bob_messages m WHERE m.tenant_id = bob_conversations.tenant_id AND m.session_id = bob_conversations.session_id)");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = conversations.ToArray() });
        command.Parameters.Add(new() { Value = cutoff });
        return await command.ExecuteNonQueryAsync();
    }
}
