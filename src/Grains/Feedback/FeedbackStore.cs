using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Storage;
using Bob.Grains.Webhooks;
using Npgsql;
using NpgsqlTypes;

namespace Bob.Grains.Feedback;

/// <summary>
/// Visitors' ratings in PostgreSQL: one row per rated answer (<c>bob_message_feedback</c>, 0060) and one per rated conversation
/// (<c>bob_conversation_ratings</c>, 0061); the latest rating wins. A rating that changes nothing writes nothing and raises
/// no event; one that does is written with its <c>feedback.created</c> event in one transaction.
/// </summary>
public sealed class FeedbackStore(NpgsqlDataSource database, WebhookOutboxSignal webhooks)
{
    /// <summary>The rating in force afterwards; <paramref name="raised"/> is written only when the rating is new or changed.</summary>
    public Task<MessageFeedback> RateMessageAsync(TenantId tenant, MessageFeedback feedback, OutboxEvent raised) =>
        StorageFailures.GuardAsync(async () =>
        {
            var stored = await UpsertAsync(
                "INSERT INTO bob_message_feedback AS f (tenant_id, session_id, message_id, rating, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6) " +
                "ON CONFLICT (tenant_id, session_id, message_id) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = EXCLUDED.created_at " +
                "WHERE (f.rating, f.comment) IS DISTINCT FROM (EXCLUDED.rating, EXCLUDED.comment) RETURNING created_at",
                "SELECT created_at FROM bob_message_feedback WHERE tenant_id = $1 AND session_id = $2 AND message_id = $3", 3,
                [Text(tenant.Value), Text(feedback.ConversationId.Value), Text(feedback.MessageId), new() { Value = FeedbackRatings.Stored(feedback.Rating) },
                    Text(feedback.Comment), new() { Value = feedback.CreatedAt }],
                raised);
            return feedback with { CreatedAt = stored };
        });

    public Task<ConversationRating> RateConversationAsync(TenantId tenant, ConversationRating rating) =>
        StorageFailures.GuardAsync(async () =>
        {
            var stored = await UpsertAsync(
                "INSERT INTO bob_conversation_ratings AS r (tenant_id, session_id, score, comment, created_at) VALUES ($1, $2, $3, $4, $5) " +
                "ON CONFLICT (tenant_id, session_id) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, created_at = EXCLUDED.created_at " +
                "WHERE (r.score, r.comment) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.comment) RETURNING created_at",
                "SELECT created_at FROM bob_conversation_ratings WHERE tenant_id = $1 AND session_id = $2", 2,
                [Text(tenant.Value), Text(rating.ConversationId.Value), new() { Value = (short)rating.Score }, Text(rating.Comment), new() { Value = rating.CreatedAt }],
                null);
            return rating with { CreatedAt = stored };
        });

    public Task<ConversationFeedback> ForConversationAsync(TenantId tenant, ConversationId conversation) =>
        StorageFailures.GuardAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync();
            var messages = new List<MessageFeedback>();
            await using (var command = new NpgsqlCommand(
                "SELECT message_id, rating, comment, created_at FROM bob_message_feedback WHERE tenant_id = $1 AND session_id = $2 ORDER BY created_at", connection))
            {
                command.Parameters.Add(Text(tenant.Value));
                command.Parameters.Add(Text(conversation.Value));
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    messages.Add(new MessageFeedback(conversation, reader.GetString(0), FeedbackRatings.Named(reader.GetInt16(1)),
                        reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
                }
            }
            ConversationRating? rating = null;
            await using (var command = new NpgsqlCommand("SELECT score, comment, created_at FROM bob_conversation_ratings WHERE tenant_id = $1 AND session_id = $2", connection))
            {
                command.Parameters.Add(Text(tenant.Value));
                command.Parameters.Add(Text(conversation.Value));
                await using var reader = await command.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    rating = new ConversationRating(conversation, reader.GetInt16(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
                }
            }
            return new ConversationFeedback(messages, rating);
        });

    /// <summary>Upserts; when the row changed, adds <paramref name="raised"/> to the outbox in the same transaction. Returns
    /// the time of the rating in force. The first <paramref name="keys"/> parameters are the row's key.</summary>
    private async Task<DateTimeOffset> UpsertAsync(string upsert, string current, int keys, NpgsqlParameter[] parameters, OutboxEvent? raised)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        object? changedAt;
        await using (var command = new NpgsqlCommand(upsert, connection, transaction))
        {
            command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            changedAt = await command.ExecuteScalarAsync();
        }
        DateTime stored;
        if (changedAt is DateTime changed)
        {
            stored = changed;
            if (raised is not null)
            {
                await WebhookStore.AppendEventsAsync(connection, transaction, [raised], CancellationToken.None);
            }
        }
        else
        {
            await using var read = new NpgsqlCommand(current, connection, transaction);
            read.Parameters.AddRange(parameters.Take(keys).Select(p => p.Clone()).ToArray());
            stored = (DateTime)(await read.ExecuteScalarAsync())!;
        }
        await transaction.CommitAsync();
        if (changedAt is not null && raised is not null)
        {
            webhooks.Notify();
        }
        return new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc));
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)StorableText.CleanOrNull(value) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
