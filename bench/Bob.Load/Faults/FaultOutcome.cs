namespace Bob.Load.Faults;

/// <summary>What the client saw during one fault run (every attempt, when the fault was applied), before the audit.</summary>
public sealed record FaultOutcome(FaultOptions Options, IReadOnlyList<LoadTenant> Tenants, IReadOnlyList<Attempt> Attempts, double FaultAt, double FaultTook, double Elapsed)
{
    public IEnumerable<Attempt> Firsts => Attempts.Where(a => a.Kind == AttemptKind.First);

    public int Requests => Firsts.Count();

    /// <summary>Turns whose first attempt failed (what a client without a retry would have seen).</summary>
    public int Errors => Firsts.Count(a => !a.Ok);

    /// <summary>Turns that failed on the first attempt and on the retry with the same id.</summary>
    public int FailedAfterRetry => Attempts.Where(a => a.Kind == AttemptKind.Retry).Count(a => !a.Ok);

    public double LongestWait => Attempts.Count == 0 ? 0 : Attempts.Max(a => a.Wait);

    /// <summary>Failed or slow (over <see cref="FaultOptions.SlowAfter"/>) attempts: the disruption the fault caused.</summary>
    public IReadOnlyList<Attempt> Disrupted => [.. Attempts.Where(a => a.Kind != AttemptKind.Resend && (!a.Ok || a.Wait > Options.SlowAfter.TotalSeconds))];

    /// <summary>From the first disrupted attempt's start to the last one's end, in seconds (0 when nothing was disrupted).</summary>
    public double ErrorWindow => Disrupted.Count == 0 ? 0 : Disrupted.Max(a => a.End) - Disrupted.Min(a => a.Start);

    /// <summary>Seconds from the fault until the last disrupted attempt ended: after it every turn was answered in time.</summary>
    public double SecondsToRecover => Disrupted.Count == 0 ? 0 : Math.Max(0, Disrupted.Max(a => a.End) - FaultAt);

    /// <summary>Failures that are not a 503 with a problem code and Retry-After (transport errors are counted apart).</summary>
    public IReadOnlyList<Attempt> UnclassifiedFailures => [.. Attempts.Where(a => !a.Ok && a.Status != 0 && !(a.Status == 503 && a.Code is not null && (a.HasRetryAfter || a.Streamed)))];

    public int TransportErrors => Attempts.Count(a => a.Status == 0);

    /// <summary>Every turn that got a 200 on some attempt, with the message id it was answered with.</summary>
    public IReadOnlyList<Attempt> Acknowledged => [.. Attempts.Where(a => a.Ok && a.Kind != AttemptKind.Resend).GroupBy(a => a.ClientMessageId).Select(g => g.First())];

    /// <summary>Turns answered twice with different message ids (a replay must return the first answer).</summary>
    public int DifferentAnswers => Attempts.Where(a => a.Ok).GroupBy(a => a.ClientMessageId).Count(g => g.Select(a => a.MessageId).Distinct().Count() > 1);

    /// <summary>Failures by status and code, e.g. "503 service_unavailable ×12".</summary>
    public string FailureKinds => string.Join(", ", Attempts.Where(a => !a.Ok).GroupBy(a => $"{(a.Status == 0 ? "no response" : a.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} {a.Code}")
        .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
}
