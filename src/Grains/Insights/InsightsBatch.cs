using Bob.Grains.Abstractions.Common;
using Npgsql;
using NpgsqlTypes;

namespace Bob.Grains.Insights;

/// <summary>
/// The statements that add a batch of turns to their tenants' insights, sent in the transcript writer's batch (the same
/// implicit transaction and round trip as the messages): one upsert of per-day counters, one of first-answer buckets and
/// one insert of unanswered questions, each only when some turn has something for it. Rows are summed per key in SQL first,
/// since one upsert may not touch a row twice. The counters go to the writer's own <paramref name="shard"/> (see
/// migration 0071), locked in key order, so concurrent commits neither wait for each other nor deadlock.
/// </summary>
public static class InsightsBatch
{
    /// <summary>Shards per tenant and day: enough that writers on a few silos rarely share one.</summary>
    public const int Shards = 16;

    public static IEnumerable<NpgsqlBatchCommand> Commands(IReadOnlyList<TurnInsight> insights, short shard)
    {
        ArgumentNullException.ThrowIfNull(insights);
        if (insights.Count == 0)
        {
            yield break;
        }
        var days = new NpgsqlBatchCommand(
            "INSERT INTO bob_insight_day_shards AS d (tenant_id, day, shard, conversations, answers, grounded, unanswered, handoffs_keyword, handoffs_asked, handoffs_no_answer, handoffs_takeover) " +
            "SELECT t, day, $8, sum(c)::int, sum(a)::int, sum(g)::int, sum(u)::int, count(*) FILTER (WHERE h = 0)::int, count(*) FILTER (WHERE h = 1)::int, " +
            "count(*) FILTER (WHERE h = 2)::int, count(*) FILTER (WHERE h = 3)::int " +
            "FROM unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[]) AS i(t, day, c, a, g, u, h) GROUP BY t, day ORDER BY t, day " +
            "ON CONFLICT (tenant_id, day, shard) DO UPDATE SET conversations = d.conversations + EXCLUDED.conversations, answers = d.answers + EXCLUDED.answers, " +
            "grounded = d.grounded + EXCLUDED.grounded, unanswered = d.unanswered + EXCLUDED.unanswered, handoffs_keyword = d.handoffs_keyword + EXCLUDED.handoffs_keyword, " +
            "handoffs_asked = d.handoffs_asked + EXCLUDED.handoffs_asked, handoffs_no_answer = d.handoffs_no_answer + EXCLUDED.handoffs_no_answer, " +
            "handoffs_takeover = d.handoffs_takeover + EXCLUDED.handoffs_takeover");
        days.Parameters.Add(Texts(insights.Select(i => i.Tenant.Value)));
        days.Parameters.Add(new NpgsqlParameter { Value = insights.Select(i => i.Day).ToArray() });
        days.Parameters.Add(Ints(insights.Select(i => i.OpensConversation ? 1 : 0)));
        days.Parameters.Add(Ints(insights.Select(i => i.Answered ? 1 : 0)));
        days.Parameters.Add(Ints(insights.Select(i => i.Grounded ? 1 : 0)));
        days.Parameters.Add(Ints(insights.Select(i => i.Unanswered is null ? 0 : 1)));
        days.Parameters.Add(Ints(insights.Select(i => i.Handoff is { } reason ? (int)reason : -1)));
        days.Parameters.Add(new NpgsqlParameter { Value = shard });
        yield return days;

        var firsts = insights.Where(i => i.FirstAnswerMs is not null).ToList();
        if (firsts.Count > 0)
        {
            var buckets = new NpgsqlBatchCommand(
                "INSERT INTO bob_insight_first_answer_shards AS f (tenant_id, day, bucket, shard, answers) " +
                "SELECT t, day, b, $4, count(*)::int FROM unnest($1::text[], $2::date[], $3::smallint[]) AS i(t, day, b) GROUP BY t, day, b ORDER BY t, day, b " +
                "ON CONFLICT (tenant_id, day, bucket, shard) DO UPDATE SET answers = f.answers + EXCLUDED.answers");
            buckets.Parameters.Add(Texts(firsts.Select(i => i.Tenant.Value)));
            buckets.Parameters.Add(new NpgsqlParameter { Value = firsts.Select(i => i.Day).ToArray() });
            buckets.Parameters.Add(new NpgsqlParameter { Value = firsts.Select(i => FirstAnswerBuckets.Of(i.FirstAnswerMs!.Value)).ToArray() });
            buckets.Parameters.Add(new NpgsqlParameter { Value = shard });
            yield return buckets;
        }

        var questions = insights.Where(i => i.Unanswered is not null).ToList();
        if (questions.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(
                "INSERT INTO bob_unanswered_questions (tenant_id, session_id, message_id, question, terms, created_at) " +
                "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])");
            insert.Parameters.Add(Texts(questions.Select(i => i.Tenant.Value)));
            insert.Parameters.Add(Texts(questions.Select(i => i.SessionId)));
            insert.Parameters.Add(Texts(questions.Select(i => i.Unanswered!.MessageId)));
            insert.Parameters.Add(Texts(questions.Select(i => i.Unanswered!.Question)));
            insert.Parameters.Add(Texts(questions.Select(i => i.Unanswered!.Terms)));
            insert.Parameters.Add(new NpgsqlParameter { Value = questions.Select(i => i.At).ToArray() });
            yield return insert;
        }
    }

    private static NpgsqlParameter Texts(IEnumerable<string> values) =>
        new() { Value = values.Select(StorableText.Clean).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Ints(IEnumerable<int> values) => new() { Value = values.ToArray() };
}
