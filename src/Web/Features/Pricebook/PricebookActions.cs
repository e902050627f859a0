using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Features.Pricebook;

/// <summary>Opening and editing a pricebook draft, as the API and the Admin Dashboard's pricebook page both do them:
/// the body's missing and mistyped fields are checked here, the pricebook's rules in its grain.</summary>
public static class PricebookActions
{
    public static IPricebookGrain Pricebook(IClusterClient cluster) => cluster.GetGrain<IPricebookGrain>(IPricebookGrain.Key);

    /// <summary>Opens the next version's draft with <paramref name="plans"/>, or a copy of the live plans when null.</summary>
    public static async Task<Result<PricebookDraft>> CreateDraftAsync(IClusterClient cluster, IReadOnlyList<PricebookPlanBody?>? plans)
    {
        if (plans is null)
        {
            return await Pricebook(cluster).CreateDraftAsync(null);
        }
        var parsed = PricebookBodies.ToPlans(plans);
        return parsed.IsSuccess ? await Pricebook(cluster).CreateDraftAsync(parsed.Value) : parsed.Failure!;
    }

    /// <summary>Replaces a draft's plans (every plan, each once).</summary>
    public static async Task<Result<PricebookDraft>> UpdateDraftAsync(IClusterClient cluster, int version, IReadOnlyList<PricebookPlanBody?>? plans)
    {
        var parsed = PricebookBodies.ToPlans(plans);
        return parsed.IsSuccess ? await Pricebook(cluster).UpdateDraftAsync(version, parsed.Value!) : parsed.Failure!;
    }
}
