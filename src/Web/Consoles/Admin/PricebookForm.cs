using System.Globalization;
using System.Text.Json;
using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Features.Pricebook;

namespace Bob.Web.Consoles.Admin;

/// <summary>
/// The pricebook page's draft form read as the API's body: one <c>plans[i].field</c> input per plan and field, named
/// like the problem's <c>errors</c> keys so each error lands next to its input. Text that is not a number where one is
/// expected is refused here (the API's JSON has types); everything else is checked by <see cref="PricebookActions"/>.
/// </summary>
public static class PricebookForm
{
    /// <summary>What the seats input takes for <c>null</c> (unlimited): a blank one is a forgotten field, as in the API.</summary>
    public const string Unlimited = "unlimited";

    public static readonly IReadOnlyList<string> FieldNames = ["name", "priceUsdMonthly", "includedCredits", "seats", "integrations", "support"];

    public static string Key(int index, string field) => $"plans[{index}].{field}";

    /// <summary>The posted plans (as many as the form sent, up to one past the plan count, so a longer list is refused by
    /// the API's rule), or the fields whose text is not a number.</summary>
    public static Result<IReadOnlyList<PricebookPlanBody?>> Read(PageForm form)
    {
        var errors = new Dictionary<string, string[]>();
        var bodies = new List<PricebookPlanBody?>();
        for (var i = 0; i <= Plans.All.Count && form[Key(i, "id")] is not null; i++)
        {
            var price = Number<decimal>(form[Key(i, "priceUsdMonthly")], Key(i, "priceUsdMonthly"), "a number of US dollars, e.g. 79 or 79.50", errors,
                text => decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null);
            var credits = Whole(form[Key(i, "includedCredits")], Key(i, "includedCredits"), errors);
            var integrations = Whole(form[Key(i, "integrations")], Key(i, "integrations"), errors);
            var seatsText = form[Key(i, "seats")]?.Trim();
            JsonElement seats = default;
            if (string.Equals(seatsText, Unlimited, StringComparison.OrdinalIgnoreCase))
            {
                seats = JsonSerializer.SerializeToElement<int?>(null);
            }
            else if (seatsText is not null)
            {
                seats = Whole(seatsText, Key(i, "seats"), errors, $"a whole number, or {Unlimited}") is { } count
                    ? JsonSerializer.SerializeToElement(count)
                    : JsonSerializer.SerializeToElement(seatsText);
            }
            bodies.Add(new PricebookPlanBody(form[Key(i, "id")], form[Key(i, "name")], price, credits, seats, integrations, form[Key(i, "support")]));
        }
        return errors.Count == 0 ? bodies : Failure.Validation(errors);
    }

    private static int? Whole(string? text, string key, Dictionary<string, string[]> errors, string expected = "a whole number") =>
        Number<int>(text, key, expected, errors, t => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null);

    /// <summary>The number, or null: blank is left to the API's "required", text that is not a number is an error here.</summary>
    private static T? Number<T>(string? text, string key, string expected, Dictionary<string, string[]> errors, Func<string, T?> parse) where T : struct
    {
        if (text is null)
        {
            return null;
        }
        if (text.Length <= 32 && parse(text.Trim()) is { } value)
        {
            return value;
        }
        errors[key] = [$"{key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]} must be {expected}."];
        return null;
    }
}
