namespace Bob.Grains.Webhooks;

/// <summary>The shares of a period's included credits that raise <c>credits.threshold</c>: 80 % and 100 %.</summary>
public static class CreditThresholds
{
    public static readonly IReadOnlyList<int> Percents = [80, 100];

    /// <summary>
    /// The thresholds that <paramref name="usedAfter"/> reaches and <paramref name="usedBefore"/> did not (null before: every
    /// threshold reached, as when the meter re-reads the period after a restart). None when the plan includes no credits.
    /// </summary>
    public static IReadOnlyList<int> Reached(int included, int? usedBefore, int usedAfter)
    {
        if (included <= 0)
        {
            return [];
        }
        return [.. Percents.Where(p => Reaches(included, usedAfter, p) && (usedBefore is not { } before || !Reaches(included, before, p)))];
    }

    private static bool Reaches(int included, int used, int percent) => (long)used * 100 >= (long)included * percent;
}
