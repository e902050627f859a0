using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Insights;
using Bob.Grains.Storage;
using Npgsql;

namespace Bob.Grains.Insights;

/// <summary>The counters a range of days holds, summed per day (no day without activity is listed).</summary>
public sealed record CountedDay(DateOnly Date, int Conversations, int Answers, int Grounded, int Unanswered, HandoffCounts Handoffs);

/// <summary>Feedback in the range: per day, and the newest answers rated down.</summary>
public sealed record FeedbackRead(IReadOnlyDictionary<DateOnly, (int Up, int Down)> Days, IReadOnlyList<RatedAnswer> WorstRated);

/// <summary>
/// Reads a tenant's insights for a range of UTC days from the rollups the transcript writer keeps (<see cref="InsightsBatch"/>):
/// one row per day and writer shard, per first-answer bucket and per distinct unanswered term set, and the range's feedback rows; never the
/// messages, so the cost does not grow with a tenant's history.
/// </summary>
public sealed class InsightsStore(NpgsqlDataSource database)
{
    /// <summary>Distinct unanswered term sets read per range (the most asked first); groups are built from these.</summary>
    public const int MaxTermSets = 500;

    public const int WorstRatedShown = 5;

    /// <summary>The counter columns of both day tables: the writers' shards and the unsharded one an earlier release wrote.</summary>
    private const string DayCounters = "day, conversations, answers, grounded, unanswered, handoffs_keyword, handoffs_asked, handoffs_no_answer, handoffs_takeover";

    public Task<IReadOnlyList<CountedDay>> DaysAsync(TenantId tenant, DateOnly from, DateOnly to) => StorageFailures.GuardAsync(async () =>
    {
        await using var command = database.CreateCommand(
            "SELECT day, sum(conversations)::int, sum(answers)::int, sum(grounded)::int, sum(unanswered)::int, sum(handoffs_keyword)::int, " +
            "sum(handoffs_asked)::int, sum(handoffs_no_answer)::int, sum(handoffs_takeover)::int FROM (" +
            $"SELECT {DayCounters} FROM bob_insight_day_shards WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 UNION ALL " +
            $"SELECT {DayCounters} FROM bob_insight_days WHERE tenant_id = $1 AND day BETWEEN $2 AND $3) AS d GROUP BY day ORDER BY day");
        AddRange(command, tenant, from, to);
        var days = new List<CountedDay>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            days.Add(new CountedDay(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                new HandoffCounts(reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8))));
        }
        return (IReadOnlyList<CountedDay>)days;
    });

    public Task<IReadOnlyDictionary<short, long>> FirstAnswerBucketsAsync(TenantId tenant, DateOnly from, DateOnly to) => StorageFailures.GuardAsync(async () =>
    {
        await using var command = database.CreateCommand(
            "SELECT bucket, sum(answers)::bigint FROM (" +
            "SELECT bucket, answers FROM bob_insight_first_answer_shards WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 UNION ALL " +
            "SELECT bucket, answers FROM bob_insight_first_answers WHERE tenant_id = $1 AND day BETWEEN $2 AND $3) AS f GROUP BY bucket");
        AddRange(command, tenant, from, to);
        var buckets = new Dictionary<short, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            buckets[reader.GetInt16(0)] = reader.GetInt64(1);
        }
        return (IReadOnlyDictionary<short, long>)buckets;
    });

    public Task<IReadOnlyList<QuestionTerms>> UnansweredAsync(TenantId tenant, DateOnly from, DateOnly to) => StorageFailures.GuardAsync(async () =>
    {
        await using var command = database.CreateCommand(
            "SELECT terms, count(*)::int, (array_agg(question ORDER BY created_at DESC))[1:$4::int], max(created_at) FROM bob_unanswered_questions " +
            "WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY terms ORDER BY count(*) DESC, max(created_at) DESC LIMIT $5");
        AddTimes(command, tenant, from, to);
        command.Parameters.Add(new() { Value = QuestionGroups.ExamplesPerGroup });
        command.Parameters.Add(new() { Value = MaxTermSets });
        var questions = new List<QuestionTerms>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            questions.Add(new QuestionTerms(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return (IReadOnlyList<QuestionTerms>)questions;
    });

    public Task<FeedbackRead> FeedbackAsync(TenantId tenant, DateOnly from, DateOnly to) => StorageFailures.GuardAsync(async () =>
    {
        await using var connection = await database.OpenConnectionAsync();
        var days = new Dictionary<DateOnly, (int Up, int Down)>();
        await using (var command = new NpgsqlCommand(
            "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) FILTER (WHERE rating > 0)::int, count(*) FILTER (WHERE rating < 0)::int " +
            "FROM bob_message_feedback WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 GROUP BY day", connection))
        {
            AddTimes(command, tenant, from, to);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                days[reader.GetFieldValue<DateOnly>(0)] = (reader.GetInt32(1), reader.GetInt32(2));
            }
        }
        var worst = new List<RatedAnswer>();
        await using (var command = new NpgsqlCommand(
            "SELECT f.session_id, f.message_id, COALESCE(m.body, ''), f.comment, f.created_at FROM bob_message_feedback f " +
            "LEFT JOIN LATERAL (SELECT body FROM bob_messages m WHERE m.tenant_id = f.tenant_id AND m.session_id = f.session_id AND m.message_id = f.message_id LIMIT 1) m ON true " +
            "WHERE f.tenant_id = $1 AND f.created_at >= $2 AND f.created_at < $3 AND f.rating < 0 ORDER BY f.created_at DESC LIMIT $4", connection))
        {
            AddTimes(command, tenant, from, to);
            command.Parameters.Add(new() { Value = WorstRatedShown });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                worst.Add(new RatedAnswer(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }
        return new FeedbackRead(days, worst);
    });

    private static void AddRange(NpgsqlCommand command, TenantId tenant, DateOnly from, DateOnly to)
    {
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
    }

    /// <summary>The range as times: from the first day's start to the start of the day after the last (exclusive).</summary>
    private static void AddTimes(NpgsqlCommand command, TenantId tenant, DateOnly from, DateOnly to)
    {
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        command.Parameters.Add(new() { Value = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
    }
}
