using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Governance;
using Bob.Web.Auth;
using Bob.Web.Http;

namespace Bob.Web.Features.Governance;

/// <summary>Reading and replacing the governance document, as the API and the Governance page both do it.</summary>
public static class GovernanceActions
{
    public static IGovernanceGrain Grain(IClusterClient cluster, Caller caller) => cluster.GetGrain<IGovernanceGrain>(caller.Tenant.Value);

    /// <summary>Replaces the whole document: every member but retentionDays is required; the grain checks the rest.</summary>
    public static async Task<Result<GovernanceSettings>> UpdateAsync(IClusterClient cluster, Caller caller, GovernanceBody body)
    {
        var missing = new Fields()
            .Check(body.BlockedTopics is not null, "blockedTopics", "blockedTopics is required (an empty list is fine).")
            .Check(body.PiiRedaction is not null, "piiRedaction", "piiRedaction is required (true or false).")
            .Check(body.HandoffKeywords is not null, "handoffKeywords", "handoffKeywords is required (an empty list is fine).")
            .Required("creditPolicy", body.CreditPolicy)
            .Check(body.PublicChat is not null, "publicChat", "publicChat is required (true or false).")
            .Failure;
        if (missing is not null)
        {
            return missing;
        }
        var settings = new GovernanceSettings(body.BlockedTopics!, body.PiiRedaction!.Value, body.HandoffKeywords!,
            body.CreditPolicy!, body.RetentionDays, body.PublicChat!.Value);
        return await Grain(cluster, caller).UpdateAsync(settings);
    }
}
