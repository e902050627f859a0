using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Billing;

/// <summary>The refusals a plan's limits give: one more seat, one more integration, or a plan the tenant does not fit.</summary>
public static class PlanLimitChecks
{
    /// <summary>Refuses taking one more seat when <paramref name="seatsInUse"/> already fill the plan.</summary>
    public static Failure? OneMoreSeat(string planId, PlanLimits limits, int seatsInUse) =>
        limits.Seats is int seats && seatsInUse + 1 > seats
            ? new Failure(FailureCodes.SeatLimitReached,
                $"The {planId} plan includes {seats} seat(s), all in use by members and pending invitations (viewers are free): " +
                "remove a member, cancel an invitation or upgrade the plan.")
            : null;

    public static Failure? OneMoreIntegration(string planId, PlanLimits limits, int integrationsInUse) =>
        integrationsInUse + 1 > limits.Integrations
            ? new Failure(FailureCodes.IntegrationLimitReached,
                $"The {planId} plan includes {limits.Integrations} integration(s), all in use: remove one or upgrade the plan.")
            : null;

    /// <summary>
    /// A plan change (a downgrade, in practice) is refused while the tenant uses more seats or integrations than the target
    /// plan allows, naming what to remove first; credits already used this period stay used, whatever the plan.
    /// </summary>
    public static Failure? Fits(PricebookPlan target, int seatsInUse, int integrationsInUse)
    {
        if (target.Seats is int seats && seatsInUse > seats)
        {
            return new Failure(FailureCodes.SeatLimitReached,
                $"The {target.Id} plan includes {seats} seat(s) and {seatsInUse} are in use by members and pending invitations: " +
                $"remove {seatsInUse - seats} (or make them viewers) before changing plan.");
        }
        if (integrationsInUse > target.Integrations)
        {
            return new Failure(FailureCodes.IntegrationLimitReached,
                $"The {target.Id} plan includes {target.Integrations} integration(s) and {integrationsInUse} are in use: " +
                $"remove {integrationsInUse - target.Integrations} before changing plan.");
        }
        return null;
    }
}
