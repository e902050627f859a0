namespace Bob.Grains.Abstractions.Billing;

/// <summary>
/// What remains of a period's included credits: never below zero (overage is counted apart). The chat balance also
/// subtracts the credits held by turns in flight; the usage report, which shows what was charged, holds none.
/// </summary>
public static class CreditsRemaining
{
    public static int Of(int included, int used, int held = 0) => Math.Max(0, included - used - held);
}
