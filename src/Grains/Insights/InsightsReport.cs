using Bob.Grains.Abstractions.Insights;

namespace Bob.Grains.Insights;

/// <summary>Turns the range's counters into the report: totals, shares, and every day of the range (zeros included) for the chart.</summary>
public static class InsightsReport
{
    public static TenantInsights For(DateOnly from, DateOnly to, IReadOnlyList<CountedDay> counted, long? medianFirstAnswerMs,
        FeedbackRead feedback, IReadOnlyList<UnansweredGroup> unanswered)
    {
        ArgumentNullException.ThrowIfNull(counted);
        ArgumentNullException.ThrowIfNull(feedback);
        var byDay = counted.ToDictionary(d => d.Date);
        var days = new List<InsightsDay>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var c = byDay.GetValueOrDefault(day);
            var (up, down) = feedback.Days.GetValueOrDefault(day);
            days.Add(new InsightsDay(day, c?.Conversations ?? 0, c?.Answers ?? 0, c?.Grounded ?? 0, c?.Unanswered ?? 0, c?.Handoffs.Total ?? 0, up, down));
        }
        var handoffs = new HandoffCounts(counted.Sum(d => d.Handoffs.Keyword), counted.Sum(d => d.Handoffs.VisitorAsked),
            counted.Sum(d => d.Handoffs.NoGroundedAnswer), counted.Sum(d => d.Handoffs.AgentTookOver));
        var conversations = counted.Sum(d => d.Conversations);
        var totalUp = days.Sum(d => d.FeedbackUp);
        var totalDown = days.Sum(d => d.FeedbackDown);
        return new TenantInsights(from, to, conversations,
            conversations == 0 ? null : Share(Math.Max(0, conversations - handoffs.Total), conversations),
            handoffs.Total, handoffs, counted.Sum(d => d.Answers), counted.Sum(d => d.Grounded), counted.Sum(d => d.Unanswered),
            medianFirstAnswerMs,
            new FeedbackSummary(totalUp, totalDown, totalUp + totalDown == 0 ? null : Share(totalUp, totalUp + totalDown), feedback.WorstRated),
            days, unanswered);
    }

    /// <summary>A share rounded to four places (0.8333), so the API's figures read the same on every client.</summary>
    private static double Share(int part, int whole) => Math.Round((double)part / whole, 4);
}
