using System.Text.Json;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Features.Pricebook;

/// <summary>A draft's body: <c>{plans:[...]}</c>. On create, a body without <c>plans</c> (<c>{}</c>) copies the live plans.</summary>
public sealed record PricebookDraftBody(IReadOnlyList<PricebookPlanBody?>? Plans);

/// <summary>One plan as sent. <c>seats</c> must be present: a number, or <c>null</c> for unlimited (a forgotten field must not mean unlimited).</summary>
public sealed record PricebookPlanBody(string? Id, string? Name, decimal? PriceUsdMonthly, int? IncludedCredits, JsonElement Seats, int? Integrations, string? Support);

public static class PricebookBodies
{
    /// <summary>The plans, or the missing and mistyped fields of all of them at once. The pricebook grain checks the rules.</summary>
    public static Result<IReadOnlyList<PricebookPlan>> ToPlans(IReadOnlyList<PricebookPlanBody?>? bodies)
    {
        if (bodies is null)
        {
            return Failure.Validation("plans", "plans is required.");
        }
        if (bodies.Count > Plans.All.Count)
        {
            // Refused as a whole: a long list would otherwise answer one error per entry.
            return Failure.Validation("plans", $"plans must list each of {string.Join(", ", Plans.All)} exactly once.");
        }
        var errors = new Dictionary<string, string[]>();
        var plans = new List<PricebookPlan>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
        {
            var at = $"plans[{i}]";
            if (bodies[i] is not { } body)
            {
                errors[at] = ["Each plan must be an object."];
                continue;
            }
            void Missing(bool present, string field)
            {
                if (!present)
                {
                    errors[$"{at}.{field}"] = [$"{field} is required."];
                }
            }
            Missing(body.Id is not null, "id");
            Missing(body.Name is not null, "name");
            Missing(body.PriceUsdMonthly is not null, "priceUsdMonthly");
            Missing(body.IncludedCredits is not null, "includedCredits");
            Missing(body.Integrations is not null, "integrations");
            Missing(body.Support is not null, "support");
            var seats = Seats(body.Seats, out var seatsProblem);
            if (seatsProblem is not null)
            {
                errors[$"{at}.seats"] = [seatsProblem];
            }
            if (errors.Keys.All(k => !k.StartsWith(at, StringComparison.Ordinal)))
            {
                plans.Add(new PricebookPlan(body.Id!, body.Name!, body.PriceUsdMonthly!.Value, body.IncludedCredits!.Value, seats, body.Integrations!.Value, body.Support!));
            }
        }
        return errors.Count == 0 ? plans : Failure.Validation(errors);
    }

    private static int? Seats(JsonElement seats, out string? problem)
    {
        problem = null;
        switch (seats.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when seats.TryGetInt32(out var count):
                return count;
            case JsonValueKind.Undefined:
                problem = "seats is required: a number, or null for unlimited.";
                return null;
            default:
                problem = "seats must be a whole number, or null for unlimited.";
                return null;
        }
    }
}
