using System.Globalization;

namespace Bob.Load.Faults;

/// <summary>The fault table: one markdown row per fault run.</summary>
public static class FaultReport
{
    public const string Header =
        "| fault | requests | errors (1st try) | failed after 1 retry | disrupted: s / requests | longest wait s | s to recover | acknowledged | lost | double answers | credits charged = stored | failures |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    public static string Row(FaultOutcome run, AuditResult audit) => string.Create(CultureInfo.InvariantCulture,
        $"| {run.Options.Label} | {run.Requests} | {run.Errors} ({Percent(run.Errors, run.Requests)}) | {run.FailedAfterRetry} | {run.ErrorWindow:F1} / {run.Disrupted.Count} | {run.LongestWait:F1} | {run.SecondsToRecover:F1} | " +
        $"{audit.Acknowledged} | {audit.Lost} | {audit.DoubleAnswers} | {(audit.CreditsMatch ? "yes" : "NO")} ({audit.CreditsCharged} = {audit.StoredReplyCredits}) | {(run.FailureKinds.Length == 0 ? "none" : run.FailureKinds)} |");

    private static string Percent(int part, int whole) => whole == 0 ? "0 %" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1} %");

    /// <summary>Whether the run met the invariants every fault must keep (timings are reported, not judged).</summary>
    public static IReadOnlyList<string> Violations(FaultOutcome run, AuditResult audit)
    {
        var violations = new List<string>();
        if (audit.Lost > 0)
        {
            violations.Add($"{audit.Lost} acknowledged turn(s) missing from the transcript");
        }
        if (audit.DoubleAnswers > 0)
        {
            violations.Add($"{audit.DoubleAnswers} turn(s) answered twice");
        }
        if (!audit.CreditsMatch)
        {
            violations.Add($"credits charged {audit.CreditsCharged} ≠ credits on stored replies {audit.StoredReplyCredits}");
        }
        if (run.UnclassifiedFailures.Count > 0)
        {
            violations.Add($"{run.UnclassifiedFailures.Count} failure(s) that are not 503 + code + Retry-After: {string.Join(", ", run.UnclassifiedFailures.Take(5).Select(a => $"{a.Status} {a.Code}"))}");
        }
        return violations;
    }
}
