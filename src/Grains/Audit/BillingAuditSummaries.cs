using Bob.Grains.Abstractions.Billing;

namespace Bob.Grains.Audit;

/// <summary>Audit summaries of plans, pricebook versions and tenant status (see <see cref="AuditSummaries"/>: prices and limits, nothing secret).</summary>
public static class BillingAuditSummaries
{
    public static object Plan(string planId, int pricebookVersion) => new { Plan = planId, PricebookVersion = pricebookVersion };

    public static object Pricebook(PricebookVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new
        {
            version.Version,
            Plans = version.Plans.Select(p => new { p.Id, p.PriceUsdMonthly, p.IncludedCredits, p.Seats, p.Integrations }),
        };
    }

    public static object Status(string status) => new { Status = status };
}
