namespace Bob.Grains.Abstractions.Billing;

/// <summary>What a tenant's chat does once its included credits are spent (governance's <c>creditPolicy</c>).</summary>
public static class CreditPolicies
{
    /// <summary>Refuse the turn: 402 <c>credits_exhausted</c>, and the widget offers a human.</summary>
    public const string HardStop = "hard_stop";

    /// <summary>Answer anyway and count the credits as overage in usage.</summary>
    public const string Overage = "overage";

    public const string Default = HardStop;

    public static readonly IReadOnlyList<string> All = [HardStop, Overage];

    public static bool IsKnown(string? policy) => policy is not null && All.Contains(policy, StringComparer.Ordinal);
}
