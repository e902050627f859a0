using System.Text.Json;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Insights;
using Bob.Grains.Storage;
using Bob.Grains.Webhooks;
using Npgsql;
using NpgsqlTypes;

namespace Bob.Grains.Conversations;

/// <summary>The conversation's row as stored beside its messages. <see cref="VisitorTokenHash"/>, <see cref="ServerMinted"/>
/// and <see cref="Visitor"/> (the signed-in visitor, in <c>bob_conversation_visitors</c>) are set when a widget conversation
/// opens and never change.</summary>
public sealed record ConversationRow(
    TenantId Tenant, ConversationId Id, ChatChannel Channel, string Status, string? Title, string? PersonaId,
    string? TakenOverBy, DateTimeOffset StartedAt, DateTimeOffset LastMessageAt, int MessageCount, string LastPreview,
    string? VisitorTokenHash = null, bool ServerMinted = false, VerifiedVisitor? Visitor = null);

/// <summary>What a batch of appends wrote: its transaction's id and how many webhook events some endpoint wanted.</summary>
internal readonly record struct BatchWritten(ulong Transaction, int EventsKept);

/// <summary>
/// Reads and appends transcripts in PostgreSQL. Appends go through <see cref="TranscriptWriter"/>, which batches them.
/// Every text parameter passes <see cref="StorableText.Clean"/>: whatever a caller hands over, PostgreSQL can store it.
/// Database failures leave as <see cref="StorageFailures"/> says (503 when unreachable), also during a grain's activation.
/// </summary>
public sealed class TranscriptStore(NpgsqlDataSource database)
{
    public Task<(ConversationRow? Conversation, List<TranscriptMessage> Messages)> LoadAsync(TenantId tenant, ConversationId conversation) =>
        StorageFailures.GuardAsync(() => LoadCoreAsync(tenant, conversation));

    public Task<ConversationPage> ListAsync(TenantId tenant, ConversationQuery query) =>
        StorageFailures.GuardAsync(() => ListCoreAsync(tenant, query));

    public Task<(int Used, CommitSnapshot Summed)> CreditsUsedSinceAsync(TenantId tenant, DateTimeOffset since) =>
        StorageFailures.GuardAsync(() => CreditsUsedSinceCoreAsync(tenant, since));

    /// <summary>Writes a batch of appends in one transaction: all message rows with one INSERT, all summaries with one upsert.
    /// Returns the transaction's id, which tells a credit meter whether its last sum of the log saw these rows.</summary>
    /// <param name="shard">The writer's insights shard (<see cref="InsightsBatch"/>).</param>
    internal Task<BatchWritten> WriteBatchAsync(IReadOnlyList<TranscriptAppend> appends, short shard, CancellationToken cancellationToken) =>
        StorageFailures.GuardAsync(() => WriteBatchCoreAsync(appends, shard, cancellationToken));

    private async Task<(ConversationRow? Conversation, List<TranscriptMessage> Messages)> LoadCoreAsync(TenantId tenant, ConversationId conversation)
    {
        await using var connection = await database.OpenConnectionAsync();
        ConversationRow? row = null;
        await using (var command = new NpgsqlCommand(
            "SELECT c.channel, c.status, c.title, c.persona_id, c.taken_over_by, c.started_at, c.last_message_at, c.message_count, c.last_preview, c.visitor_token_hash, c.server_minted, " +
            "v.user_id, v.email, v.name FROM bob_conversations c " + ConversationVisitors.Join + " WHERE c.tenant_id = $1 AND c.session_id = $2", connection))
        {
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(conversation.Value));
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                row = new ConversationRow(tenant, conversation, (ChatChannel)reader.GetInt16(0), reader.GetString(1),
                    NullableString(reader, 2), NullableString(reader, 3), NullableString(reader, 4),
                    reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7), reader.GetString(8),
                    NullableString(reader, 9), reader.GetBoolean(10), ConversationVisitors.Read(reader, 11));
            }
        }
        var messages = new List<TranscriptMessage>();
        if (row is null)
        {
            return (null, messages);
        }
        await using (var command = new NpgsqlCommand(
            "SELECT seq, message_id, role, body, author, citations, handoff, credits, created_at, client_message_id " +
            "FROM bob_messages WHERE tenant_id = $1 AND session_id = $2 ORDER BY seq", connection))
        {
            command.Parameters.Add(Text(tenant.Value));
            command.Parameters.Add(Text(conversation.Value));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                messages.Add(new TranscriptMessage(reader.GetInt32(0), reader.GetString(1), (TranscriptRole)reader.GetInt16(2), reader.GetString(3),
                    NullableString(reader, 4), JsonSerializer.Deserialize<List<ChatCitation>>(reader.GetString(5), JsonOptions) ?? [],
                    reader.GetBoolean(6), reader.GetInt32(7), reader.GetFieldValue<DateTimeOffset>(8), NullableString(reader, 9)));
            }
        }
        return (row, messages);
    }

    private async Task<ConversationPage> ListCoreAsync(TenantId tenant, ConversationQuery query)
    {
        await using var connection = await database.OpenConnectionAsync();
        const string filter =
            "FROM bob_conversations c WHERE c.tenant_id = $1 AND ($2::text IS NULL OR c.status = $2) " +
            "AND ($3::text IS NULL OR c.title ILIKE $3 OR c.last_preview ILIKE $3 OR EXISTS (" +
            "SELECT 1 FROM bob_messages m WHERE m.tenant_id = c.tenant_id AND m.session_id = c.session_id AND m.body ILIKE $3))";
        var pattern = LikePatterns.Containing(query.Text);
        int total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) {filter}", connection))
        {
            AddFilter(count, tenant, query.Status, pattern);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var items = new List<ConversationSummary>();
        await using (var page = new NpgsqlCommand(
            "SELECT c.session_id, c.channel, c.status, c.title, c.started_at, c.last_message_at, c.message_count, c.last_preview, c.taken_over_by, v.user_id, v.email, v.name " +
            $"{filter.Replace("FROM bob_conversations c", "FROM bob_conversations c " + ConversationVisitors.Join, StringComparison.Ordinal)} ORDER BY c.last_message_at DESC, c.session_id LIMIT $4 OFFSET $5", connection))
        {
            AddFilter(page, tenant, query.Status, pattern);
            page.Parameters.Add(new() { Value = query.PageSize });
            // In 64 bits: page × page_size overflows an int long before PostgreSQL's OFFSET (bigint) does.
            page.Parameters.Add(new() { Value = ((long)query.Page - 1) * query.PageSize });
            await using var reader = await page.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                items.Add(new ConversationSummary(new ConversationId(reader.GetString(0)), (ChatChannel)reader.GetInt16(1), reader.GetString(2), NullableString(reader, 3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6), reader.GetString(7), NullableString(reader, 8),
                    ConversationVisitors.Read(reader, 9)));
            }
        }
        return new ConversationPage(items, query.Page, query.PageSize, total);
    }

    /// <summary>The credits charged since <paramref name="since"/> and the snapshot that sum saw (one repeatable read),
    /// so a charge arriving later can tell whether the sum already holds it.</summary>
    private async Task<(int Used, CommitSnapshot Summed)> CreditsUsedSinceCoreAsync(TenantId tenant, DateTimeOffset since)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using var command = new NpgsqlCommand(
            "SELECT pg_current_snapshot()::text, COALESCE(SUM(credits), 0)::int FROM bob_messages WHERE tenant_id = $1 AND created_at >= $2 AND credits > 0",
            connection, transaction);
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(new() { Value = since });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(1), CommitSnapshot.Parse(reader.GetString(0)));
    }

    /// <summary>The messages, the summaries and the webhook events the appends raise (an INSERT that keeps only subscribed
    /// events) go to PostgreSQL as one batch: one round trip, committed when its reader is done.</summary>
    private async Task<BatchWritten> WriteBatchCoreAsync(IReadOnlyList<TranscriptAppend> appends, short shard, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // No explicit transaction: a batch's statements share one Sync, so PostgreSQL runs them as one implicit transaction
        // and commits at that Sync, all or nothing, in one round trip (BEGIN and COMMIT cost a statement and a round trip each).
        await using var batch = new NpgsqlBatch(connection);
        var messages = appends.SelectMany(a => a.Messages.Select(m => (a.Conversation, Message: m))).ToList();
        if (messages.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO bob_messages (tenant_id, session_id, seq, message_id, client_message_id, role, author, body, citations, handoff, credits, created_at) " +
                "SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::text[], $9::jsonb[], $10::bool[], $11::int[], $12::timestamptz[])");
            insert.Parameters.Add(Array(messages.Select(m => m.Conversation.Tenant.Value)));
            insert.Parameters.Add(Array(messages.Select(m => m.Conversation.Id.Value)));
            insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Message.Seq).ToArray() });
            insert.Parameters.Add(Array(messages.Select(m => m.Message.MessageId)));
            insert.Parameters.Add(Array(messages.Select(m => m.Message.ClientMessageId)));
            insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => (short)m.Message.Role).ToArray() });
            insert.Parameters.Add(Array(messages.Select(m => m.Message.Author)));
            insert.Parameters.Add(Array(messages.Select(m => m.Message.Text)));
            insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => CitationsJson(m.Message.Citations)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Message.Handoff).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Message.Credits).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Message.CreatedAt).ToArray() });
            batch.BatchCommands.Add(insert);
        }
        // The last summary of a conversation in this batch wins.
        var conversations = appends.Select(a => a.Conversation).GroupBy(c => (c.Tenant, c.Id)).Select(g => g.Last()).ToList();
        var upsert = new NpgsqlBatchCommand(
            "INSERT INTO bob_conversations (tenant_id, session_id, channel, status, title, persona_id, taken_over_by, started_at, last_message_at, message_count, last_preview, visitor_token_hash, server_minted) " +
            "SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::int[], $11::text[], $12::text[], $13::bool[]) " +
            "ON CONFLICT (tenant_id, session_id) DO UPDATE SET status = EXCLUDED.status, title = EXCLUDED.title, persona_id = EXCLUDED.persona_id, " +
            "taken_over_by = EXCLUDED.taken_over_by, last_message_at = EXCLUDED.last_message_at, message_count = EXCLUDED.message_count, last_preview = EXCLUDED.last_preview " +
            "RETURNING pg_current_xact_id()::text");
        upsert.Parameters.Add(Array(conversations.Select(c => c.Tenant.Value)));
        upsert.Parameters.Add(Array(conversations.Select(c => c.Id.Value)));
        upsert.Parameters.Add(new NpgsqlParameter { Value = conversations.Select(c => (short)c.Channel).ToArray() });
        upsert.Parameters.Add(Array(conversations.Select(c => c.Status)));
        upsert.Parameters.Add(Array(conversations.Select(c => c.Title)));
        upsert.Parameters.Add(Array(conversations.Select(c => c.PersonaId)));
        upsert.Parameters.Add(Array(conversations.Select(c => c.TakenOverBy)));
        upsert.Parameters.Add(new NpgsqlParameter { Value = conversations.Select(c => c.StartedAt).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = conversations.Select(c => c.LastMessageAt).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = conversations.Select(c => c.MessageCount).ToArray() });
        upsert.Parameters.Add(Array(conversations.Select(c => c.LastPreview)));
        upsert.Parameters.Add(Array(conversations.Select(c => c.VisitorTokenHash)));
        upsert.Parameters.Add(new NpgsqlParameter { Value = conversations.Select(c => c.ServerMinted).ToArray() });
        batch.BatchCommands.Add(upsert);
        if (ConversationVisitors.Insert(appends) is { } visitors)
        {
            batch.BatchCommands.Add(visitors);
        }
        // What the turns add to their tenants' insights rides in the same round trip and transaction.
        foreach (var insights in InsightsBatch.Commands([.. appends.Select(a => a.Insight).OfType<TurnInsight>()], shard))
        {
            batch.BatchCommands.Add(insights);
        }
        var events = WebhookStore.EventsInsert([.. appends.SelectMany(a => a.Events)]);
        if (events is not null)
        {
            batch.BatchCommands.Add(events);
        }
        string? transactionId = null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                if (transactionId is null && reader.FieldCount > 0 && await reader.ReadAsync(cancellationToken))
                {
                    transactionId = reader.GetString(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        return new BatchWritten(ulong.Parse(transactionId!, System.Globalization.CultureInfo.InvariantCulture), events?.RecordsAffected ?? 0);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static NpgsqlParameter Array(IEnumerable<string?> values) =>
        new() { Value = values.Select(StorableText.CleanOrNull).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)StorableText.CleanOrNull(value) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    /// <summary>jsonb refuses <c>\u0000</c> even escaped, so citation strings are cleaned before serializing.</summary>
    private static string CitationsJson(IReadOnlyList<ChatCitation> citations) =>
        JsonSerializer.Serialize(citations.Select(c => new ChatCitation(StorableText.Clean(c.Id), StorableText.Clean(c.Title))), JsonOptions);

    private static void AddFilter(NpgsqlCommand command, TenantId tenant, string? status, string? pattern)
    {
        command.Parameters.Add(Text(tenant.Value));
        command.Parameters.Add(Text(status));
        command.Parameters.Add(Text(pattern));
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
