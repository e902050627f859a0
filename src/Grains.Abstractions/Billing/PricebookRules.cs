using System.Globalization;
using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Billing;

/// <summary>What a pricebook version must satisfy before it is stored: every plan of <see cref="Plans.All"/> exactly once,
/// names and labels of sane length, prices in whole cents, and counts within bounds.</summary>
public static class PricebookRules
{
    public const int NameMax = 40;
    public const int SupportMax = 40;
    public const decimal PriceMax = 100_000m;
    public const int IncludedCreditsMax = 1_000_000_000;
    public const int SeatsMax = 100_000;
    public const int IntegrationsMax = 1_000;

    /// <summary>The plans as stored: names and labels trimmed.</summary>
    public static IReadOnlyList<PricebookPlan> Normalize(IReadOnlyList<PricebookPlan> plans) =>
        [.. plans.Select(p => p with { Name = p.Name.Trim(), Support = p.Support.Trim() })];

    public static Failure? Check(IReadOnlyList<PricebookPlan>? plans)
    {
        var errors = new Dictionary<string, string[]>();
        if (plans is null || plans.Count != Plans.All.Count || !Plans.All.All(id => plans.Count(p => p.Id == id) == 1))
        {
            errors["plans"] = [$"plans must list each of {string.Join(", ", Plans.All)} exactly once."];
        }
        for (var i = 0; plans is not null && i < plans.Count; i++)
        {
            Check(plans[i], $"plans[{i}]", errors);
        }
        return errors.Count == 0 ? null : Failure.Validation(errors);
    }

    private static void Check(PricebookPlan plan, string at, Dictionary<string, string[]> errors)
    {
        void Add(bool valid, string field, string message)
        {
            if (!valid)
            {
                errors[$"{at}.{field}"] = [message];
            }
        }
        Add(Plans.All.Contains(plan.Id), "id", $"id must be one of {string.Join(", ", Plans.All)}.");
        Add(IsLabel(plan.Name, NameMax), "name", $"name must be 1..{NameMax} characters.");
        Add(plan.PriceUsdMonthly is >= 0 and <= PriceMax && decimal.Round(plan.PriceUsdMonthly, 2) == plan.PriceUsdMonthly,
            "priceUsdMonthly", string.Create(CultureInfo.InvariantCulture, $"priceUsdMonthly must be 0..{PriceMax} US dollars in whole cents."));
        Add(plan.IncludedCredits is >= 0 and <= IncludedCreditsMax, "includedCredits", $"includedCredits must be 0..{IncludedCreditsMax}.");
        Add(plan.Seats is null or (>= 1 and <= SeatsMax), "seats", $"seats must be 1..{SeatsMax}, or null for unlimited.");
        Add(plan.Integrations is >= 0 and <= IntegrationsMax, "integrations", $"integrations must be 0..{IntegrationsMax}.");
        Add(IsLabel(plan.Support, SupportMax), "support", $"support must be 1..{SupportMax} characters.");
    }

    private static bool IsLabel(string? text, int max) => text?.Trim().Length is int length && length >= 1 && length <= max;
}
