using System.Diagnostics;
using Bob.Web.Tests.Chat;
using Npgsql;
using Xunit.Abstractions;

namespace Bob.Web.Tests.Insights;

/// <summary>
/// A tenant with a million messages (100,000 conversations of 10 over a year), generated in SQL with the rollups the
/// transcript writer would have kept for them: a year of insights is answered exactly, from day rows, not messages.
/// The time it took is written to the test output (measured, never asserted).
/// </summary>
public sealed class InsightsAtScaleTests(BobWebApp app, ITestOutputHelper output) : IClassFixture<BobWebApp>
{
    private const int Conversations = 100_000;

    [Fact]
    public async Task A_year_of_a_million_message_tenant_is_answered_exactly_from_its_rollups()
    {
        var tenant = await app.SignupAsync();
        await GenerateAsync(tenant.TenantId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var query = $"?from={today.AddDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        await app.InsightsAsync(tenant.Token, query);

        var clock = Stopwatch.StartNew();
        var insights = await app.InsightsAsync(tenant.Token, query);
        output.WriteLine($"GET /api/insights over 365 days of {Conversations * 10:N0} messages: {clock.ElapsedMilliseconds} ms (second call)");

        Assert.Equal(Conversations, insights["conversations"]!.GetValue<int>());
        Assert.Equal(0.86, insights["deflection"]!.GetValue<double>());
        Assert.Equal(4_000, insights["handoffs"]!["keyword"]!.GetValue<int>());
        Assert.Equal(10_000, insights["handoffs"]!["noGroundedAnswer"]!.GetValue<int>());
        Assert.Equal(500_000, insights["answers"]!.GetValue<int>());
        Assert.Equal(490_000, insights["grounded"]!.GetValue<int>());
        Assert.Equal(10_000, insights["unanswered"]!.GetValue<int>());
        Assert.Equal(ExpectedMedian(), insights["medianFirstAnswerMs"]!.GetValue<long>());
        Assert.Equal(15_000, insights["feedback"]!["up"]!.GetValue<int>());
        Assert.Equal(5_000, insights["feedback"]!["down"]!.GetValue<int>());
        Assert.Equal(0.75, insights["feedback"]!["sharePositive"]!.GetValue<double>());
        var worst = insights["feedback"]!["worstRated"]!.AsArray();
        Assert.Equal(5, worst.Count);
        Assert.All(worst, w => Assert.Equal("answer 2", w!["answer"]!.GetValue<string>()));
        var days = insights["days"]!.AsArray();
        Assert.Equal(365, days.Count);
        Assert.Equal(Conversations, days.Sum(d => d!["conversations"]!.GetValue<int>()));
        var groups = insights["unansweredQuestions"]!.AsArray();
        Assert.Equal(20, groups.Count);
        Assert.All(groups, g => Assert.Equal(200, g!["count"]!.GetValue<int>()));
    }

    /// <summary>Conversation c opens on day today − (c mod 365) with 5 visitor messages and 5 answers; every tenth has one
    /// ungrounded answer (a "no grounded answer" handoff, its question one of 50 topics), every 25th from the 1st a keyword
    /// handoff; its first answer took 200 + 100 × (c mod 7) ms; the first 20,000 have a rating (every fourth down).</summary>
    private async Task GenerateAsync(string tenant)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        const string Day = "((now() AT TIME ZONE 'UTC')::date - (c % 365))";
        string[] statements =
        [
            $"INSERT INTO bob_conversations (tenant_id, session_id, channel, status, started_at, last_message_at, message_count, last_preview) " +
            $"SELECT $1, 's_' || c, 1, 'assistant', {Day}::timestamp AT TIME ZONE 'UTC', {Day}::timestamp AT TIME ZONE 'UTC', 10, '' FROM generate_series(1, {Conversations}) c",
            $"INSERT INTO bob_messages (tenant_id, session_id, seq, message_id, role, body, credits, created_at) " +
            $"SELECT $1, 's_' || c, m, 'msg_' || c || '_' || m, (m + 1) % 2, CASE WHEN m % 2 = 0 THEN 'answer ' || m ELSE 'question ' || m END, (m + 1) % 2, " +
            $"({Day}::timestamp AT TIME ZONE 'UTC') + m * interval '1 second' FROM generate_series(1, {Conversations}) c, generate_series(1, 10) m",
            $"INSERT INTO bob_insight_days (tenant_id, day, conversations, answers, grounded, unanswered, handoffs_keyword, handoffs_no_answer) " +
            $"SELECT $1, {Day}, count(*), 5 * count(*), 5 * count(*) - count(*) FILTER (WHERE c % 10 = 0), count(*) FILTER (WHERE c % 10 = 0), " +
            $"count(*) FILTER (WHERE c % 25 = 1), count(*) FILTER (WHERE c % 10 = 0) FROM generate_series(1, {Conversations}) c GROUP BY {Day}",
            $"INSERT INTO bob_insight_first_answers (tenant_id, day, bucket, answers) " +
            $"SELECT $1, {Day}, (200 + 100 * (c % 7)) / 10, count(*) FROM generate_series(1, {Conversations}) c GROUP BY 2, 3",
            $"INSERT INTO bob_unanswered_questions (tenant_id, session_id, message_id, question, terms, created_at) " +
            $"SELECT $1, 's_' || c, 'msg_' || c || '_4', 'Question about topic' || (c % 500 / 10) || ' please', 'topic' || (c % 500 / 10), " +
            $"({Day}::timestamp AT TIME ZONE 'UTC') + interval '4 seconds' FROM generate_series(10, {Conversations}, 10) c",
            $"INSERT INTO bob_message_feedback (tenant_id, session_id, message_id, rating, created_at) " +
            $"SELECT $1, 's_' || c, 'msg_' || c || '_2', CASE WHEN c % 4 = 0 THEN -1 ELSE 1 END, ({Day}::timestamp AT TIME ZONE 'UTC') + interval '1 minute' " +
            $"FROM generate_series(1, 20000) c",
            "ANALYZE",
        ];
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                command.Parameters.Add(new() { Value = tenant });
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    private static long ExpectedMedian()
    {
        var times = Enumerable.Range(1, Conversations).Select(c => 200L + 100 * (c % 7)).Order().ToList();
        return Grains.Insights.FirstAnswerBuckets.UpperBound(Grains.Insights.FirstAnswerBuckets.Of(times[(times.Count + 1) / 2 - 1]));
    }
}
