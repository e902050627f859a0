using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Bob.Grains.Conversations;

/// <summary>
/// The signed-in visitor of a widget conversation (<c>bob_conversation_visitors</c>, migration 0062): written once, in the
/// batch of the append that opens the conversation (its first message has seq 1), so an anonymous turn adds no statement
/// and a signed-in visitor's later turns none either; read with the conversation's row, and listed per (tenant, user).
/// </summary>
public sealed class ConversationVisitors(NpgsqlDataSource database)
{
    /// <summary>Joined to <c>bob_conversations c</c> as <c>v</c>.</summary>
    internal const string Join = "LEFT JOIN bob_conversation_visitors v ON v.tenant_id = c.tenant_id AND v.session_id = c.session_id";

    public const int ListMax = 50;

    /// <summary>The visitor columns <c>v.user_id, v.email, v.name</c> from <paramref name="ordinal"/> on; null when anonymous.</summary>
    internal static VerifiedVisitor? Read(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null
            : new VerifiedVisitor(reader.GetString(ordinal), reader.IsDBNull(ordinal + 1) ? null : reader.GetString(ordinal + 1),
                reader.IsDBNull(ordinal + 2) ? null : reader.GetString(ordinal + 2));

    /// <summary>The INSERT for the appends that open a signed-in visitor's conversation; null when there are none.</summary>
    internal static NpgsqlBatchCommand? Insert(IReadOnlyList<TranscriptAppend> appends)
    {
        var opening = appends.Where(a => a.Conversation.Visitor is not null && a.Messages.Count > 0 && a.Messages[0].Seq == 1).Select(a => a.Conversation).ToList();
        if (opening.Count == 0)
        {
            return null;
        }
        var insert = new NpgsqlBatchCommand(
            "INSERT INTO bob_conversation_visitors (tenant_id, session_id, user_id, email, name, started_at) " +
            "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) ON CONFLICT (tenant_id, session_id) DO NOTHING");
        insert.Parameters.Add(Texts(opening.Select(c => c.Tenant.Value)));
        insert.Parameters.Add(Texts(opening.Select(c => c.Id.Value)));
        insert.Parameters.Add(Texts(opening.Select(c => c.Visitor!.UserId)));
        insert.Parameters.Add(Texts(opening.Select(c => c.Visitor!.Email)));
        insert.Parameters.Add(Texts(opening.Select(c => c.Visitor!.Name)));
        insert.Parameters.Add(new NpgsqlParameter { Value = opening.Select(c => c.StartedAt).ToArray() });
        return insert;
    }

    /// <summary>A signed-in visitor's widget conversations, most recently active first (the per-user index, then one row each).</summary>
    public Task<IReadOnlyList<VisitorConversation>> ListAsync(TenantId tenant, string userId, int limit) =>
        StorageFailures.GuardAsync<IReadOnlyList<VisitorConversation>>(async () =>
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(
                "SELECT c.session_id, c.status, c.started_at, c.last_message_at, c.message_count, c.last_preview " +
                "FROM bob_conversation_visitors v JOIN bob_conversations c ON c.tenant_id = v.tenant_id AND c.session_id = v.session_id " +
                "WHERE v.tenant_id = $1 AND v.user_id = $2 ORDER BY c.last_message_at DESC, c.session_id LIMIT $3", connection);
            command.Parameters.Add(new() { Value = tenant.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = StorableText.Clean(userId), NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = Math.Clamp(limit, 1, ListMax) });
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<VisitorConversation>();
            while (await reader.ReadAsync())
            {
                list.Add(new VisitorConversation(new ConversationId(reader.GetString(0)), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4), reader.GetString(5)));
            }
            return list;
        });

    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.Select(StorableText.CleanOrNull).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}

[Orleans.Concurrency.StatelessWorker]
public sealed class VisitorConversationsGrain(ConversationVisitors visitors) : Grain, IVisitorConversationsGrain
{
    public Task<IReadOnlyList<VisitorConversation>> ListAsync(TenantId tenant, string userId, int limit) => visitors.ListAsync(tenant, userId, limit);
}
