using Bob.Grains.Abstractions.Governance;
using Bob.Grains.Abstractions.Identity;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.Governance;

/// <summary>A whole governance document: every member but <see cref="RetentionDays"/> (absent or null: keep transcripts) is required.</summary>
public sealed record GovernanceBody(
    IReadOnlyList<string>? BlockedTopics, bool? PiiRedaction, IReadOnlyList<string>? HandoffKeywords,
    string? CreditPolicy, int? RetentionDays, bool? PublicChat);

/// <summary>Guardrails, credit policy, retention and public chat: read and replaced as one document by whoever may govern.</summary>
public sealed class GovernanceModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/governance").WithTags("Governance").RequirePermission(Permissions.GovernanceManage);
        app.MapGet("/", async (Caller caller, IClusterClient cluster, HttpContext context) =>
            await cluster.GetGrain<IGovernanceGrain>(caller.Tenant.Value).GetAsync() is { } settings
                ? TypedResults.Ok(settings)
                : Problems.From(Grains.Abstractions.Common.Failure.NotFound("Tenant"), context)).WithName("GetGovernance")
            .Describe<GovernanceSettings>("This tenant's governance: blocked topics, PII redaction, handoff keywords, credit policy, retention, public chat",
                StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapPut("/", async (GovernanceBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
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
                return Problems.From(missing, context);
            }
            var settings = new GovernanceSettings(body.BlockedTopics!, body.PiiRedaction!.Value, body.HandoffKeywords!,
                body.CreditPolicy!, body.RetentionDays, body.PublicChat!.Value);
            return (await cluster.GetGrain<IGovernanceGrain>(caller.Tenant.Value).UpdateAsync(settings)).ToHttp(context);
        }).WithName("UpdateGovernance")
            .Describe<GovernanceSettings>(
                $"Replace the governance: lists of at most {GovernanceRules.MaxListEntries} entries of 1..{GovernanceRules.MaxEntryLength} characters, " +
                $"creditPolicy hard_stop or overage, retentionDays null or {GovernanceRules.MinRetentionDays}..{GovernanceRules.MaxRetentionDays}",
                StatusCodes.Status200OK, 400, 401, 403, 404, 503);
    }
}
