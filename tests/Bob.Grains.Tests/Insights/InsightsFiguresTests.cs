using Bob.Assistant.Retrieval;
using Bob.Grains.Insights;

namespace Bob.Grains.Tests.Insights;

/// <summary>The pure parts of insights: first-answer buckets and their median, and grouping questions with their paraphrases.</summary>
public sealed class InsightsFiguresTests
{
    [Theory]
    [InlineData(0, 0, 10)]
    [InlineData(9, 0, 10)]
    [InlineData(999, 99, 1_000)]
    [InlineData(1_000, 100, 1_100)]
    [InlineData(9_999, 189, 10_000)]
    [InlineData(10_000, 190, 11_000)]
    [InlineData(599_999, 779, 600_000)]
    [InlineData(600_000, 780, 660_000)]
    [InlineData(long.MaxValue, 2_210, 86_460_000)]
    public void A_time_falls_in_the_bucket_whose_upper_bound_holds_it(long ms, short bucket, long upper)
    {
        Assert.Equal(bucket, FirstAnswerBuckets.Of(ms));
        Assert.Equal(upper, FirstAnswerBuckets.UpperBound(bucket));
    }

    [Fact]
    public void The_median_is_the_lower_middle_answers_bucket_and_none_without_answers()
    {
        var times = new long[] { 40, 45, 1_250, 90_000 };
        var counts = times.GroupBy(FirstAnswerBuckets.Of).ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(50, FirstAnswerBuckets.Median(counts));
        Assert.Equal(1_300, FirstAnswerBuckets.Median(new Dictionary<short, long> { [FirstAnswerBuckets.Of(1_250)] = 3, [FirstAnswerBuckets.Of(40)] = 2 }));
        Assert.Null(FirstAnswerBuckets.Median(new Dictionary<short, long>()));
    }

    [Fact]
    public void Paraphrases_group_together_and_an_unrelated_question_stands_alone()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        QuestionTerms Asked(string question, int count, int minutes) =>
            new(string.Join(' ', TextAnalyzer.Terms(question).Distinct().Order(StringComparer.Ordinal)), count, [question], at.AddMinutes(minutes));

        var groups = QuestionGroups.Group(
        [
            Asked("How long is the warranty on the Zorblax kettle?", 2, 1),
            Asked("Is the Frobnicator bowl dishwasher safe?", 2, 5),
            Asked("What warranty does the Zorblax kettle have?", 1, 2),
            Asked("Zorblax kettle warranty length?", 1, 3),
        ]);

        Assert.Equal(2, groups.Count);
        Assert.Equal("How long is the warranty on the Zorblax kettle?", groups[0].Question);
        Assert.Equal(4, groups[0].Count);
        Assert.Equal(["Zorblax kettle warranty length?", "What warranty does the Zorblax kettle have?", "How long is the warranty on the Zorblax kettle?"], groups[0].Examples);
        Assert.Equal(at.AddMinutes(3), groups[0].LastAsked);
        Assert.Equal("Is the Frobnicator bowl dishwasher safe?", groups[1].Question);
        Assert.Equal(2, groups[1].Count);
    }
}
