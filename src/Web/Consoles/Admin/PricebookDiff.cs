using Bob.Grains.Abstractions.Billing;
using Bob.Web.Consoles.Shared;

namespace Bob.Web.Consoles.Admin;

/// <summary>One field of one plan that a draft changes: its API name, and the live and draft values as the page writes them.</summary>
public sealed record PricebookChange(string PlanId, string PlanName, string Field, string Live, string Draft);

/// <summary>What publishing a draft would change, plan by plan in the draft's order, field by field in the API's order.</summary>
public static class PricebookDiff
{
    private static readonly (string Field, Func<PricebookPlan, string> Show)[] Fields =
    [
        ("name", p => p.Name),
        ("priceUsdMonthly", p => PlanFormat.Price(p.PriceUsdMonthly)),
        ("includedCredits", p => PlanFormat.Count(p.IncludedCredits)),
        ("seats", p => PlanFormat.Seats(p.Seats)),
        ("integrations", p => PlanFormat.Count(p.Integrations)),
        ("support", p => p.Support),
    ];

    public static IReadOnlyList<PricebookChange> Between(PricebookVersion live, PricebookDraft draft) =>
    [
        .. draft.Plans.SelectMany(plan => live.Plan(plan.Id) is { } before
            ? Fields.Where(f => f.Show(before) != f.Show(plan)).Select(f => new PricebookChange(plan.Id, plan.Name, f.Field, f.Show(before), f.Show(plan)))
            : Fields.Select(f => new PricebookChange(plan.Id, plan.Name, f.Field, "—", f.Show(plan)))),
    ];
}
